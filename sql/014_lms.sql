-- The connection settings of an LMS site (issue 4): a Moodle site (URL and web-service
-- token) and the registrar's OneRoster 1.1 service (base URL, OAuth 2 client credentials).
-- The token and the client secret are stored sealed (secret.c: crypto_secretbox under the
-- server's key file): "v1:" + base64, never in the clear, never shown back. The last
-- "test connection" is kept (when, and what it found, as JSON) for the page to show.
CREATE TABLE lms_site (
    id                INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name              VARCHAR(100) NOT NULL,
    moodle_url        VARCHAR(500) NOT NULL,
    moodle_token_enc  VARCHAR(800) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    roster_base_url   VARCHAR(500) NOT NULL,
    roster_token_url  VARCHAR(500) NOT NULL,
    roster_client_id  VARCHAR(200) NOT NULL,
    roster_secret_enc VARCHAR(800) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    roster_scope      VARCHAR(500) NOT NULL,
    created_at        DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at        DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    last_test_at      DATETIME(6)  NULL,
    last_test_result  JSON         NULL,
    PRIMARY KEY (id),
    UNIQUE KEY lms_site_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
