-- Memo registers (records office) and what the yearly service log reads.
--
-- Each unit numbers its outgoing memos in its own format (memo_format, with one {n}), one
-- register per Thai fiscal year (October-September, Buddhist era): memo_counter holds the
-- last number given, incremented inside the transaction that records the memo, so a
-- rolled-back step leaves no gap and two steps never get the same number. Incoming memos
-- keep the number written on them; a unit registers a number once per fiscal year.
ALTER TABLE unit ADD COLUMN memo_format VARCHAR(100) NULL AFTER parent_id;

CREATE TABLE memo_counter (
    unit_id      INT NOT NULL,
    fiscal_year  INT NOT NULL,
    last         INT NOT NULL,
    PRIMARY KEY (unit_id, fiscal_year),
    CONSTRAINT memo_counter_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE memo (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    request_id   BIGINT       NOT NULL,
    direction    ENUM('incoming', 'outgoing') NOT NULL,
    unit_id      INT          NOT NULL,
    fiscal_year  INT          NOT NULL,
    seq          INT          NULL,
    number       VARCHAR(120) NOT NULL,
    memo_date    DATE         NOT NULL,
    recorded_by  INT          NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY memo_register (unit_id, fiscal_year, direction, number),
    KEY memo_request (request_id, direction, id),
    CONSTRAINT memo_request FOREIGN KEY (request_id) REFERENCES request (id),
    CONSTRAINT memo_unit FOREIGN KEY (unit_id) REFERENCES unit (id),
    CONSTRAINT memo_person FOREIGN KEY (recorded_by) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The service log pages through a fiscal year of every process by filing time.
ALTER TABLE request ADD KEY request_created (created_at);
