package dev.ticketing.userpoint.domain;

public class UserNotFoundException extends RuntimeException {

    private final long userId;

    public UserNotFoundException(long userId) {
        super("User " + userId + " not found");
        this.userId = userId;
    }

    public long userId() {
        return userId;
    }
}
