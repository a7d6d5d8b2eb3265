package dev.ticketing.userpoint.domain;

/** The refusals of this service; the api layer maps each to one status and problem code. */
public abstract sealed class UserPointError extends RuntimeException {

    private UserPointError(String message) {
        super(message, null, false, false);
    }

    public static final class UserNotFound extends UserPointError {

        private final long userId;

        public UserNotFound(long userId) {
            super("User " + userId + " not found");
            this.userId = userId;
        }

        public long userId() {
            return userId;
        }
    }

    /** The requested amount breaks a charge rule; the message says which, in words a user can act on. */
    public static final class AmountNotChargeable extends UserPointError {

        public AmountNotChargeable(String reason) {
            super(reason);
        }
    }

    public static final class InvalidUsername extends UserPointError {

        public InvalidUsername() {
            super("A username is 3 to 32 characters of letters, digits, '.', '_' and '-'");
        }
    }

    /** A new password that the policy refuses; the message says why, never the password. */
    public static final class PasswordRejected extends UserPointError {

        public PasswordRejected(String reason) {
            super(reason);
        }
    }

    public static final class UsernameTaken extends UserPointError {

        public UsernameTaken(Username username) {
            super("The username " + username.value() + " is taken");
        }
    }
}
