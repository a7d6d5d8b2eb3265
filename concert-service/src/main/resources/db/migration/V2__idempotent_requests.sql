-- Idempotency-Key of public POSTs (service-support's IdempotentRequests, docs/conventions.md). Never edit after
-- landing. One row per (user, key): the primary key is what lets exactly one request own a key.
CREATE TABLE idempotent_request (
    user_id         BIGINT       NOT NULL,
    -- compared byte for byte: keys differing only in case are different keys
    idempotency_key VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    -- SHA-256 of the endpoint and the parsed request body: the same key with another request is 422
    fingerprint     CHAR(64)     CHARACTER SET ascii NOT NULL,
    -- the request that holds the key in flight; a takeover after the lease changes it
    owner           CHAR(36)     CHARACTER SET ascii NOT NULL,
    lease_until     TIMESTAMP(6) NOT NULL,
    -- the result, written in the transaction of the effect; NULL while in flight
    result_type     VARCHAR(200) NULL,
    result          MEDIUMTEXT   NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    completed_at    TIMESTAMP(6) NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (user_id, idempotency_key),
    -- the purge job
    KEY ix_idempotent_request_expires (expires_at)
) ENGINE = InnoDB;
