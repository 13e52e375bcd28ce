-- The durable job queue, and the outbox of mail.
--
-- A job is work that must not run inside a web request (a mail, a call to the LMS): the
-- request inserts it in its own transaction, so the action and its jobs commit together or
-- not at all; a job runner claims it later with SELECT ... FOR UPDATE SKIP LOCKED.
--
-- States: queued (waiting for run_after) -> running (claimed: locked_by, locked_at) ->
-- done, or back to queued with a later run_after (exponential back-off), or dead after
-- max_attempts (staff see it and may queue it again). A running job whose lease ran out
-- (its runner died) is queued again by the next runner that looks.
--
-- idem_key makes enqueueing idempotent: the same notification ("mail:<request>:<event
-- id>:<recipient>") is never queued twice, whatever retries the caller makes.
CREATE TABLE job (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    kind         VARCHAR(40)  NOT NULL,
    idem_key     VARCHAR(190) NOT NULL,
    payload      MEDIUMTEXT   NOT NULL CHECK (JSON_VALID(payload)),
    state        ENUM('queued', 'running', 'done', 'dead') NOT NULL DEFAULT 'queued',
    attempts     INT          NOT NULL DEFAULT 0,
    max_attempts INT          NOT NULL,
    run_after    DATETIME(6)  NOT NULL,
    locked_by    VARCHAR(64)  NULL,
    locked_at    DATETIME(6)  NULL,
    -- short, for staff: a protocol reply or a curl error, never a secret or a message body
    last_error   VARCHAR(255) NULL,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY job_idem (idem_key),
    KEY job_claim (state, run_after),
    KEY job_lease (state, locked_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One mail, rendered when its job is queued (mail.xsl, inside the action's transaction),
-- so that what is sent says what was true when it happened, and a retry sends the same
-- bytes under the same Message-ID. The mail lives here rather than in job.payload: the
-- payload stays small for the queue's scans, and staff and tests can find a mail by its
-- Message-ID or recipient. sent_at is set in the same transaction that marks the job
-- done, after the SMTP server accepted the message.
CREATE TABLE outbox (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    job_id      BIGINT       NOT NULL,
    to_addr     VARCHAR(254) NOT NULL,
    to_name     VARCHAR(200) NOT NULL,
    subject     VARCHAR(998) NOT NULL,
    body_text   MEDIUMTEXT   NOT NULL,
    body_html   MEDIUMTEXT   NOT NULL,
    message_id  VARCHAR(190) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    sent_at     DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY outbox_job (job_id),
    UNIQUE KEY outbox_message_id (message_id),
    KEY outbox_to (to_addr, created_at),
    CONSTRAINT outbox_job FOREIGN KEY (job_id) REFERENCES job (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
