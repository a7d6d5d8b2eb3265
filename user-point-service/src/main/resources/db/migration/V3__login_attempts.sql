-- Login attempts per subject ("user:<username in lower case>" or "address:<client address>") in a fixed window, for
-- the login throttle. In the database, not in memory, so that every instance of the service counts the same attempts.
-- Each attempt is one atomic upsert of its row (JdbcLoginAttempts); rows of windows long gone are purged.
CREATE TABLE login_attempt (
    subject      VARCHAR(80)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    window_start TIMESTAMP(6) NOT NULL,
    attempts     INT          NOT NULL,
    PRIMARY KEY (subject),
    KEY ix_login_attempt_window (window_start)
) ENGINE = InnoDB;
