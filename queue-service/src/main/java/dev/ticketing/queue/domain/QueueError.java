package dev.ticketing.queue.domain;

/** The refusals of the waiting room; the api layer maps each to one status and problem code. */
public abstract sealed class QueueError extends RuntimeException {

    private QueueError(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A presented token does not grant anything: unknown/garbage, or expired. */
    public static final class TokenRejected extends QueueError {

        public enum Reason { INVALID, EXPIRED }

        private final Reason reason;

        public TokenRejected(Reason reason) {
            super(reason == Reason.EXPIRED ? "The queue token has expired; ask for a new one"
                    : "The queue token is missing, malformed or unknown", null);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** A queue token presented by another user than the one it was issued to. */
    public static final class TokenNotYours extends QueueError {

        public TokenNotYours() {
            super("This queue token belongs to another user", null);
        }
    }

    /** A token request without a concert id while the default room is switched off. */
    public static final class ConcertIdRequired extends QueueError {

        public ConcertIdRequired() {
            super("Join a concert's room: the body needs a concertId", null);
        }
    }

    /** An operator's change that the room's state does not allow. */
    public static final class RoomChangeRefused extends QueueError {

        public enum Reason {
            /** the opening already happened: it happens once */
            ALREADY_OPEN,
            /** an opening for a room that already serves people first come, first served */
            ROOM_IN_USE,
            /** an opening now or in the past */
            OPENS_AT_NOT_IN_FUTURE
        }

        private final Reason reason;

        public RoomChangeRefused(Reason reason, String message) {
            super(message, null);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Redis cannot answer now (down or timing out); the caller may retry later. */
    public static final class DependencyUnavailable extends QueueError {

        private final String dependency;

        public DependencyUnavailable(String dependency, Throwable cause) {
            super(dependency + " is unavailable", cause);
            this.dependency = dependency;
        }

        public String dependency() {
            return dependency;
        }
    }
}
