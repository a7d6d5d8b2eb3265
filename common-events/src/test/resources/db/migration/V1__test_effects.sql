-- The "state change" of the test application and the "effect" of its consumer.
CREATE TABLE test_hold (
    reservation_id BIGINT NOT NULL,
    seq            INT    NOT NULL,
    PRIMARY KEY (reservation_id, seq)
) ENGINE = InnoDB;

CREATE TABLE applied_event (
    id             BIGINT   NOT NULL AUTO_INCREMENT,
    event_id       CHAR(36) NOT NULL,
    reservation_id BIGINT   NOT NULL,
    seq            INT      NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
