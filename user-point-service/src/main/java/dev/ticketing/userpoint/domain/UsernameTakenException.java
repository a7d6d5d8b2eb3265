package dev.ticketing.userpoint.domain;

public class UsernameTakenException extends RuntimeException {

    public UsernameTakenException(Username username) {
        super("The username " + username.value() + " is taken");
    }
}
