-- Several seats in one reservation (issue 17), the per-user-and-date purchase limit, and cancelling.
-- A reservation keeps its first seat (the lowest seat id) in seat_id/seat_number, so every single-seat reader works as
-- before; price becomes the reservation's total (a single seat's price for a single-seat reservation, as before), and
-- reservation_seat lists every seat with its own price, also after a release has unlinked the seats.

ALTER TABLE reservation
    ADD COLUMN seat_count     INT         NOT NULL DEFAULT 1,
    -- EXPIRED | CANCELLED; set with status RELEASED, NULL otherwise
    ADD COLUMN release_reason VARCHAR(16) NULL,
    -- the purchase limit: a user's held and sold seats of one date
    ADD KEY ix_reservation_user_date (user_id, concert_date_id, status),
    -- "my reservations", newest first
    ADD KEY ix_reservation_user_newest (user_id, id),
    ADD CONSTRAINT ck_reservation_seat_count CHECK (seat_count >= 1),
    ADD CONSTRAINT ck_reservation_release_reason CHECK (release_reason IS NULL OR release_reason IN ('EXPIRED', 'CANCELLED'));

UPDATE reservation SET release_reason = 'EXPIRED' WHERE status = 'RELEASED';

CREATE TABLE reservation_seat (
    reservation_id BIGINT NOT NULL,
    seat_id        BIGINT NOT NULL,
    seat_number    INT    NOT NULL,
    price          BIGINT NOT NULL,
    PRIMARY KEY (reservation_id, seat_id),
    KEY ix_reservation_seat_seat (seat_id),
    CONSTRAINT fk_reservation_seat_reservation FOREIGN KEY (reservation_id) REFERENCES reservation (id),
    CONSTRAINT fk_reservation_seat_seat FOREIGN KEY (seat_id) REFERENCES seat (id)
) ENGINE = InnoDB;

INSERT INTO reservation_seat (reservation_id, seat_id, seat_number, price)
SELECT id, seat_id, seat_number, price FROM reservation;

-- release, cancel and sale change every seat of a reservation at once
ALTER TABLE seat ADD KEY ix_seat_reservation (reservation_id);
