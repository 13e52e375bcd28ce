-- Requests and what happens to them.
--
-- A request follows the definition of its process (process_code at process_version); its
-- place is step_id. The form's values are stored as the JSON object the engine validated.
-- Every action is one row of request_event, in the same transaction as the change.
CREATE TABLE request (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    number          VARCHAR(64)  NOT NULL,
    process_code    VARCHAR(40)  NOT NULL,
    process_version INT          NOT NULL,
    requester_id    INT          NULL,
    requester_name  VARCHAR(200) NOT NULL,
    requester_email VARCHAR(254) NOT NULL,
    status          ENUM('open', 'returned', 'done', 'rejected') NOT NULL,
    step_id         VARCHAR(40)  NOT NULL,
    assignee_id     INT          NULL,
    form            MEDIUMTEXT   NOT NULL,
    secret_hash     BINARY(32)   NOT NULL,
    submission      CHAR(32)     NOT NULL,
    version         INT          NOT NULL DEFAULT 1,
    satisfaction    TINYINT      NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    closed_at       DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY request_number (number),
    UNIQUE KEY request_submission (submission),
    KEY request_queue (status, process_code, step_id, updated_at),
    KEY request_assignee (assignee_id, status, updated_at),
    KEY request_requester (requester_id, created_at),
    KEY request_process (process_code, created_at),
    CONSTRAINT request_process FOREIGN KEY (process_code) REFERENCES process (code),
    CONSTRAINT request_requester FOREIGN KEY (requester_id) REFERENCES person (id),
    CONSTRAINT request_assignee FOREIGN KEY (assignee_id) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The last number given per process and Buddhist-era year. Incremented inside the
-- transaction that creates the request, so a rolled-back request leaves no gap.
CREATE TABLE request_counter (
    process_code VARCHAR(40) NOT NULL,
    be_year      INT         NOT NULL,
    last         INT         NOT NULL,
    PRIMARY KEY (process_code, be_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE request_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    request_id  BIGINT       NOT NULL,
    at          DATETIME(6)  NOT NULL,
    person_id   INT          NULL,
    action      VARCHAR(20)  NOT NULL,
    step_from   VARCHAR(40)  NULL,
    step_to     VARCHAR(40)  NULL,
    note        TEXT         NULL,
    PRIMARY KEY (id),
    KEY request_event_request (request_id, id),
    CONSTRAINT request_event_request FOREIGN KEY (request_id) REFERENCES request (id),
    CONSTRAINT request_event_person FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who acts at each step of each process, from the definitions (filled by the loader), so
-- that a person's queue is one indexed join instead of a scan.
CREATE TABLE step_actor (
    process_code VARCHAR(40) NOT NULL,
    step_id      VARCHAR(40) NOT NULL,
    actor        VARCHAR(20) NOT NULL,
    PRIMARY KEY (process_code, step_id, actor),
    KEY step_actor_by_actor (actor, process_code, step_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
