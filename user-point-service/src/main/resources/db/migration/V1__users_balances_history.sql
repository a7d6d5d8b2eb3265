-- Users, their point balance and the ledger of every applied change. Never edit after landing: add V2 and up.

CREATE TABLE users (
    id         BIGINT       NOT NULL,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

-- One row per user, created with the user. Every change is a conditional UPDATE of this row (see JdbcPointLedger);
-- the CHECK is the last line of defence should a statement ever forget its condition.
CREATE TABLE point_balance (
    user_id    BIGINT       NOT NULL,
    balance    BIGINT       NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_point_balance_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_point_balance_not_negative CHECK (balance >= 0)
) ENGINE = InnoDB;

-- The ledger: one row per applied charge, debit or refund, written in the transaction that changed the balance, so
-- the signed sum of a user's rows is always their balance.
CREATE TABLE point_transaction (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    user_id       BIGINT       NOT NULL,
    type          VARCHAR(10)  NOT NULL,
    amount        BIGINT       NOT NULL,
    balance_after BIGINT       NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    -- history is read per user, newest first
    KEY ix_point_transaction_user (user_id, id),
    CONSTRAINT fk_point_transaction_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_point_transaction_type CHECK (type IN ('CHARGE', 'DEBIT', 'REFUND')),
    CONSTRAINT ck_point_transaction_amount CHECK (amount > 0)
) ENGINE = InnoDB;

-- The first outcome of each idempotency key, applied or refused. The primary key is what makes a key count once:
-- a second request with the same key cannot commit its own row, so it rolls back and answers with this one.
CREATE TABLE point_operation (
    user_id         BIGINT       NOT NULL,
    type            VARCHAR(10)  NOT NULL,
    -- compared byte for byte: keys differing only in case are different keys
    idempotency_key VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    outcome         VARCHAR(30)  NOT NULL,
    amount          BIGINT       NOT NULL,
    -- the applied transaction; NULL when refused
    transaction_id  BIGINT       NULL,
    -- the balance the refusal was based on; NULL when applied
    balance_seen    BIGINT       NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (user_id, type, idempotency_key),
    CONSTRAINT fk_point_operation_transaction FOREIGN KEY (transaction_id) REFERENCES point_transaction (id)
) ENGINE = InnoDB;
