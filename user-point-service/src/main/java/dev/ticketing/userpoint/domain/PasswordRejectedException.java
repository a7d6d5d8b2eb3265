package dev.ticketing.userpoint.domain;

/** A new password that the policy refuses; the message says why, never the password. */
public class PasswordRejectedException extends RuntimeException {

    public PasswordRejectedException(String reason) {
        super(reason);
    }
}
