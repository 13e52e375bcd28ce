-- What Borikan created (or adopted) in a Moodle site (issue 4, INTEGRATIONS.md E.1): one
-- row per category and course, written in the transaction that marks the provisioning
-- job done. A re-run finds its row here and makes no call that writes. idnumber is the
-- deterministic key Borikan gives the object (lms_course.c documents the rule); how says
-- whether this job's own create made it ('created') or a look-up found it ('adopted': an
-- earlier attempt whose answer was lost, or another hand).
CREATE TABLE lms_ledger (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    site_id     INT UNSIGNED NOT NULL,
    kind        ENUM('category', 'course') NOT NULL,
    moodle_id   BIGINT       NOT NULL,
    idnumber    VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_id  BIGINT       NULL,
    how         ENUM('created', 'adopted') NOT NULL,
    job_id      BIGINT       NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY lms_ledger_key (site_id, kind, idnumber),
    CONSTRAINT lms_ledger_site FOREIGN KEY (site_id) REFERENCES lms_site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
