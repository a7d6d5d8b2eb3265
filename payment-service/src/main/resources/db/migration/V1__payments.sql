-- payment-service's own schema. Never edit after landing: changes are new scripts (V2__...).

-- What payments knows of each reservation, from concert-service's events.
CREATE TABLE reservation_view (
    reservation_id  BIGINT       NOT NULL,
    user_id         BIGINT       NOT NULL,
    seat_id         BIGINT       NOT NULL,
    -- unknown while only the release (or confirmation) of the reservation has arrived
    price           BIGINT       NULL,
    hold_expires_at TIMESTAMP(6) NULL,
    status          VARCHAR(20)  NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (reservation_id)
) ENGINE = InnoDB;

-- First time a payment was asked for a reservation the view did not know: separates "not arrived yet" (409, retry)
-- from "does not exist" (404).
CREATE TABLE unknown_reservation_request (
    reservation_id BIGINT       NOT NULL,
    first_asked_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (reservation_id),
    KEY ix_unknown_reservation_request_asked (first_asked_at)
) ENGINE = InnoDB;

CREATE TABLE payment (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    reservation_id BIGINT       NOT NULL,
    user_id        BIGINT       NOT NULL,
    seat_id        BIGINT       NOT NULL,
    amount         BIGINT       NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    -- the debit idempotency key is payment-<id>-<attempt>; a new attempt only after a refused one
    attempt        INT          NOT NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    attempted_at   TIMESTAMP(6) NOT NULL,
    completed_at   TIMESTAMP(6) NULL,
    refunded_at    TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    -- one payment per reservation, however many requests race to create it
    UNIQUE KEY uk_payment_reservation (reservation_id),
    -- the job that settles abandoned PENDING payments
    KEY ix_payment_status_attempted (status, attempted_at)
) ENGINE = InnoDB;

-- Points owed back, recorded before user-point-service is asked, retried until it confirms.
CREATE TABLE refund (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    payment_id      BIGINT       NOT NULL,
    user_id         BIGINT       NOT NULL,
    amount          BIGINT       NOT NULL,
    reason          VARCHAR(30)  NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    tries           INT          NOT NULL,
    next_try_at     TIMESTAMP(6) NOT NULL,
    last_error      VARCHAR(500) NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    completed_at    TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_refund_idempotency_key (idempotency_key),
    KEY ix_refund_due (status, next_try_at),
    CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (id)
) ENGINE = InnoDB;
