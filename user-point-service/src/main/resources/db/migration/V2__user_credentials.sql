-- Credentials of users who can log in (issue 14). Users created before, or by other means, keep NULL credentials:
-- they cannot log in, but their points, debits and refunds work as before.

ALTER TABLE users
    -- as the user typed it at sign-up (shown back, and the JWT's preferred_username)
    ADD COLUMN username      VARCHAR(32)  NULL,
    -- the lower-case form: the unique key makes usernames unique case-insensitively, also under concurrent sign-ups
    ADD COLUMN username_key  VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    -- a Spring Security delegating-encoder hash ("{bcrypt}$2a$10$..."); never the password
    ADD COLUMN password_hash VARCHAR(255) NULL,
    -- comma-separated, e.g. USER or USER,OPERATOR
    ADD COLUMN roles         VARCHAR(100) NOT NULL DEFAULT 'USER',
    ADD CONSTRAINT uk_users_username_key UNIQUE (username_key);

-- Ids of users who sign up. users.id has no AUTO_INCREMENT (adding it to a column other tables reference is refused by
-- MySQL), so sign-up takes the next value here. It starts above the ids of demo and imported users (1..1,000,000).
CREATE TABLE user_id_sequence (
    id BIGINT NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (id)
) ENGINE = InnoDB AUTO_INCREMENT = 1000001;
