package dev.ticketing.userpoint.domain;

public class InvalidUsernameException extends RuntimeException {

    public InvalidUsernameException() {
        super("A username is 3 to 32 characters of letters, digits, '.', '_' and '-'");
    }
}
