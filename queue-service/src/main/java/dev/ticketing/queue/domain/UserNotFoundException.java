package dev.ticketing.queue.domain;

/** A token was asked for a user the user directory does not know. */
public class UserNotFoundException extends RuntimeException {

    private final long userId;

    public UserNotFoundException(long userId) {
        super("User " + userId + " does not exist");
        this.userId = userId;
    }

    public long userId() {
        return userId;
    }
}
