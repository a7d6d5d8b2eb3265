package dev.ticketing.concert.domain;

/** The refusals of this service; the api layer maps each to one status and problem code. */
public abstract sealed class ConcertException extends RuntimeException {

    private ConcertException(String message) {
        super(message, null, false, false);
    }

    public static final class ConcertNotFound extends ConcertException {
        public ConcertNotFound(long concertId) {
            super("Concert " + concertId + " does not exist");
        }
    }

    public static final class ConcertDateNotFound extends ConcertException {
        public ConcertDateNotFound(long concertId, long dateId) {
            super("Concert " + concertId + " has no date " + dateId);
        }
    }

    public static final class SeatNotFound extends ConcertException {
        public SeatNotFound(long dateId, long seatId) {
            super("Concert date " + dateId + " has no seat " + seatId);
        }
    }

    public static final class SeatNotAvailable extends ConcertException {
        public SeatNotAvailable(long seatId, String why) {
            super("Seat " + seatId + " cannot be held: " + why);
        }
    }

    public static final class HoldLimitReached extends ConcertException {
        public HoldLimitReached(long userId, int limit) {
            super("User " + userId + " already holds " + limit + " seats, the most allowed at once;"
                    + " pay for one or let one expire first");
        }
    }

    public static final class ReservationNotFound extends ConcertException {
        public ReservationNotFound(long reservationId) {
            super("Reservation " + reservationId + " does not exist");
        }
    }
}
