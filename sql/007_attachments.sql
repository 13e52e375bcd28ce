-- Files attached to requests (forms, memos, photos, reports).
--
-- The content lives outside the database and outside nginx's root, in BORIKAN_FILES as
-- <first two hex>/<sha256 hex>: one file per distinct content, however many rows name it.
-- filename is the name the uploader gave (valid UTF-8, at most 200 characters, no path
-- separator or control character); content_type is what the content was found to be.
-- Each row is inserted in the transaction that records the request's `attached` event.
CREATE TABLE attachment (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    request_id   BIGINT       NOT NULL,
    sha256       BINARY(32)   NOT NULL,
    size         INT UNSIGNED NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    filename     VARCHAR(200) NOT NULL,
    uploaded_by  INT          NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY attachment_request (request_id, id),
    KEY attachment_sha256 (sha256),
    CONSTRAINT attachment_request FOREIGN KEY (request_id) REFERENCES request (id),
    CONSTRAINT attachment_person FOREIGN KEY (uploaded_by) REFERENCES person (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
