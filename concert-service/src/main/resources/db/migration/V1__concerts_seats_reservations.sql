-- concert-service schema. Times are DATETIME(6) holding UTC (the application binds UTC LocalDateTimes), so no
-- server or JVM time zone and no TIMESTAMP auto-update rule can shift them.

CREATE TABLE concert (
    id     BIGINT       NOT NULL AUTO_INCREMENT,
    title  VARCHAR(200) NOT NULL,
    artist VARCHAR(200) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

CREATE TABLE concert_date (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    concert_id BIGINT      NOT NULL,
    starts_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- "available dates of a concert", in date order
    KEY ix_concert_date_concert (concert_id, starts_at),
    CONSTRAINT fk_concert_date_concert FOREIGN KEY (concert_id) REFERENCES concert (id)
) ENGINE = InnoDB;

CREATE TABLE seat (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    concert_date_id BIGINT      NOT NULL,
    seat_number     INT         NOT NULL,
    price           BIGINT      NOT NULL,
    -- AVAILABLE | HELD | SOLD. Changed only by conditional UPDATEs (... WHERE status = <expected>): the row lock
    -- plus the re-checked condition is what makes a seat impossible to hold or sell twice.
    status          VARCHAR(16) NOT NULL DEFAULT 'AVAILABLE',
    -- the reservation currently holding or owning the seat; NULL when AVAILABLE
    reservation_id  BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_seat_date_number (concert_date_id, seat_number),
    -- covers the hot reads: available seats of a date (with price, in number order) and the per-date count
    KEY ix_seat_date_status (concert_date_id, status, seat_number, price),
    CONSTRAINT fk_seat_concert_date FOREIGN KEY (concert_date_id) REFERENCES concert_date (id),
    CONSTRAINT ck_seat_status CHECK (status IN ('AVAILABLE', 'HELD', 'SOLD'))
) ENGINE = InnoDB;

CREATE TABLE reservation (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    user_id         BIGINT      NOT NULL,
    concert_id      BIGINT      NOT NULL,
    concert_date_id BIGINT      NOT NULL,
    seat_id         BIGINT      NOT NULL,
    seat_number     INT         NOT NULL,
    price           BIGINT      NOT NULL,
    -- HELD | CONFIRMED | RELEASED; HELD is the only state that can change, and only by a conditional UPDATE
    status          VARCHAR(16) NOT NULL,
    held_at         DATETIME(6) NOT NULL,
    hold_expires_at DATETIME(6) NOT NULL,
    payment_id      BIGINT      NULL,
    confirmed_at    DATETIME(6) NULL,
    released_at     DATETIME(6) NULL,
    PRIMARY KEY (id),
    -- the release job: expired holds, oldest first
    KEY ix_reservation_status_expiry (status, hold_expires_at),
    -- the per-user limit: a user's live holds
    KEY ix_reservation_user_status (user_id, status, hold_expires_at),
    KEY ix_reservation_seat (seat_id),
    CONSTRAINT fk_reservation_seat FOREIGN KEY (seat_id) REFERENCES seat (id),
    CONSTRAINT ck_reservation_status CHECK (status IN ('HELD', 'CONFIRMED', 'RELEASED'))
) ENGINE = InnoDB;

-- One row per user who ever held a seat. A hold locks its user's row first, so the holds of one user are counted and
-- created one at a time (the per-user limit cannot be overshot by concurrent requests), while different users never
-- wait for each other.
CREATE TABLE user_hold_guard (
    user_id BIGINT NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB;
