-- Public filing, tracking and the satisfaction survey (issue 3).
--
-- A visitor without an account may file a request of a public process. It is kept as
-- status 'unconfirmed', with no number (NULL: a unique key allows many), until its
-- requester follows the link mailed to the address given: only then is it numbered,
-- started and put in a queue, so unconfirmed spam never uses up a number and never
-- reaches anyone's work. Unconfirmed requests older than 7 days may be purged
-- (borikan-admin purge-unconfirmed).
ALTER TABLE request
    MODIFY COLUMN number VARCHAR(64) NULL,
    MODIFY COLUMN status ENUM('unconfirmed', 'open', 'returned', 'done', 'rejected') NOT NULL,
    ADD COLUMN requester_phone VARCHAR(20) NULL AFTER requester_email,
    ADD COLUMN satisfaction_comment TEXT NULL AFTER satisfaction,
    ADD KEY request_unconfirmed (status, created_at);

-- One-time links: the confirmation of a public filing (48 hours) and the satisfaction
-- survey (30 days). The link carries 256 bits; the table holds only their SHA-256. A
-- survey link is an HMAC of its nonce under the server's token key (fcgi/token.c), so
-- that the requester's page can show the same link again as a QR code while a copy of
-- this table still opens nothing.
CREATE TABLE request_token (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    token_hash  BINARY(32)   NOT NULL,
    request_id  BIGINT       NOT NULL,
    purpose     ENUM('confirm', 'survey') NOT NULL,
    nonce       BINARY(32)   NULL,
    created_at  DATETIME(6)  NOT NULL,
    expires_at  DATETIME(6)  NOT NULL,
    used_at     DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY request_token_hash (token_hash),
    KEY request_token_request (request_id, purpose, id),
    CONSTRAINT request_token_request FOREIGN KEY (request_id) REFERENCES request (id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Public filing and tracking are counted per address in the same table as sign-in failures.
ALTER TABLE login_throttle
    MODIFY COLUMN kind ENUM('account', 'address', 'file', 'track') NOT NULL;
