-- The process catalogue: one row per definition in processes/, loaded by
-- `borikan-admin load-processes`. The definition is stored whole; workers read it at
-- start. A definition removed from the tree is retired, never deleted: requests made
-- under it will still need it.
CREATE TABLE process (
    code        VARCHAR(40)  NOT NULL,
    grp         ENUM('service', 'programme', 'monitoring') NOT NULL,
    sort_order  INT          NOT NULL,
    version     INT          NOT NULL,
    is_public   TINYINT(1)   NOT NULL,
    title_th    VARCHAR(400) NOT NULL,
    title_en    VARCHAR(400) NOT NULL,
    definition  MEDIUMTEXT   NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    retired     TINYINT(1)   NOT NULL DEFAULT 0,
    loaded_at   DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (code),
    KEY process_listing (retired, sort_order, code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
