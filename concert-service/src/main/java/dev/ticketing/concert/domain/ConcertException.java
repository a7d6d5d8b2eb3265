package dev.ticketing.concert.domain;

import java.util.List;

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
        private final List<Long> seatIds;

        public SeatNotAvailable(long seatId, String why) {
            this(List.of(seatId), why);
        }

        /** @param seatIds the seats of the request that cannot be held (none of the request's seats was held) */
        public SeatNotAvailable(List<Long> seatIds, String why) {
            super((seatIds.size() == 1 ? "Seat " + seatIds.getFirst() : "Seats " + joined(seatIds))
                    + " cannot be held: " + why);
            this.seatIds = List.copyOf(seatIds);
        }

        public List<Long> seatIds() {
            return seatIds;
        }
    }

    /** The user's held and sold seats of one date would exceed the purchase limit. */
    public static final class PurchaseLimitReached extends ConcertException {
        public PurchaseLimitReached(long dateId, int heldOrSold, int requested, int limit) {
            super("At most " + limit + " seats of concert date " + dateId + " per user, held and bought together;"
                    + " you have " + heldOrSold + " and asked for " + requested + " more");
        }
    }

    /** A request the rules make impossible (a seat named twice, more seats than anyone may hold, no such status). */
    public static final class InvalidRequest extends ConcertException {
        public InvalidRequest(String why) {
            super(why);
        }
    }

    /** A paid reservation is a sale: it cannot be cancelled. */
    public static final class ReservationAlreadyPaid extends ConcertException {
        public ReservationAlreadyPaid(long reservationId) {
            super("Reservation " + reservationId + " is paid and cannot be cancelled");
        }
    }

    private static String joined(List<Long> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    public static final class HoldLimitReached extends ConcertException {
        public HoldLimitReached(long userId, int limit) {
            super("User " + userId + " already holds " + limit + " seats, the most allowed at once;"
                    + " pay for one or let one expire first");
        }

        public HoldLimitReached(long userId, int liveHeldSeats, int requested, int limit) {
            super("User " + userId + " holds " + liveHeldSeats + " seats; " + requested + " more would exceed the "
                    + limit + " allowed at once; pay for some or let them expire first");
        }
    }

    public static final class ReservationNotFound extends ConcertException {
        public ReservationNotFound(long reservationId) {
            super("Reservation " + reservationId + " does not exist");
        }
    }
}
