-- Units, people, their roles, sessions and log-in throttling.
--
-- A role is held in a unit: the data owner of the registrar's office, an ICT officer of the
-- ICT group. Passwords are argon2id strings from libsodium; session ids are stored as their
-- SHA-256 only, so a copy of this table lets nobody in.
CREATE TABLE unit (
    id          INT          NOT NULL AUTO_INCREMENT,
    code        VARCHAR(40)  NOT NULL,
    kind        ENUM('office', 'group', 'school', 'faculty', 'data-owner', 'other') NOT NULL,
    name_th     VARCHAR(200) NOT NULL,
    name_en     VARCHAR(200) NOT NULL,
    parent_id   INT          NULL,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY unit_code (code),
    CONSTRAINT unit_parent FOREIGN KEY (parent_id) REFERENCES unit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE person (
    id              INT          NOT NULL AUTO_INCREMENT,
    username        VARCHAR(64)  NOT NULL,
    email           VARCHAR(254) NOT NULL,
    name_th         VARCHAR(200) NOT NULL,
    name_en         VARCHAR(200) NOT NULL,
    unit_id         INT          NOT NULL,
    password_hash   VARCHAR(255) NULL,
    active          TINYINT(1)   NOT NULL DEFAULT 1,
    created_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    password_set_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY person_username (username),
    UNIQUE KEY person_email (email),
    KEY person_unit (unit_id),
    CONSTRAINT person_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE person_role (
    person_id   INT NOT NULL,
    role        ENUM('requester', 'ict-officer', 'ict-head', 'department-head', 'director',
                     'records-office', 'data-owner', 'procurement', 'committee',
                     'administrator') NOT NULL,
    unit_id     INT NOT NULL,
    PRIMARY KEY (person_id, role, unit_id),
    KEY person_role_by_role (role, unit_id),
    CONSTRAINT person_role_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
    CONSTRAINT person_role_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE session (
    id_hash     BINARY(32)   NOT NULL,
    person_id   INT          NOT NULL,
    csrf        CHAR(64)     NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    last_seen   DATETIME(6)  NOT NULL,
    expires_at  DATETIME(6)  NOT NULL,
    address     VARCHAR(45)  NOT NULL,
    PRIMARY KEY (id_hash),
    KEY session_person (person_id),
    KEY session_expiry (expires_at),
    CONSTRAINT session_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Failed log-ins per account and per address within a window; a success clears the account's.
CREATE TABLE login_throttle (
    kind         ENUM('account', 'address') NOT NULL,
    subject      VARCHAR(254) NOT NULL,
    failures     INT          NOT NULL,
    window_start DATETIME(6)  NOT NULL,
    PRIMARY KEY (kind, subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
