-- Which concert each reservation is of (from SeatReserved): a payment is made in that concert's waiting room only
-- (403 WRONG_ROOM otherwise), and PaymentCompleted names it so that queue-service frees the place there (issue 16).
CREATE TABLE reservation_concert (
    reservation_id BIGINT NOT NULL,
    concert_id     BIGINT NOT NULL,
    PRIMARY KEY (reservation_id)
) ENGINE = InnoDB;
