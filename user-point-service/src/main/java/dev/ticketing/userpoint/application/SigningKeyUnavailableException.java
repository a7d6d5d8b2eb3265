package dev.ticketing.userpoint.application;

/** No configured key has a private key: nobody can log in until one is configured. */
public class SigningKeyUnavailableException extends RuntimeException {

    public SigningKeyUnavailableException() {
        super("No signing key is configured (auth.keys / AUTH_SIGNING_*)");
    }
}
