-- Shared by every service with a database (added to Flyway's locations by common-events). Never edit after landing:
-- a change to these tables is a new script here, V0_2 and up, applied before the service's own V1.

CREATE TABLE outbox_event (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    event_id       CHAR(36)     NOT NULL,
    topic          VARCHAR(200) NOT NULL,
    message_key    VARCHAR(200) NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    schema_version VARCHAR(20)  NOT NULL,
    payload        TEXT         NOT NULL,
    trace_parent   VARCHAR(100) NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    published_at   TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event_event_id (event_id),
    -- the relay reads unpublished rows in id order; clean-up deletes old published ones
    KEY ix_outbox_event_published (published_at, id)
) ENGINE = InnoDB;

-- One row: whoever holds its lock is the relay for this pass (see OutboxRelay).
CREATE TABLE outbox_relay_lock (
    name VARCHAR(50) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB;
INSERT INTO outbox_relay_lock (name) VALUES ('relay');

CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     CHAR(36)     NOT NULL,
    processed_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (consumer, event_id)
) ENGINE = InnoDB;
