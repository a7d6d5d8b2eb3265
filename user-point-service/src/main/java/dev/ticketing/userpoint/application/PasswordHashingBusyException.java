package dev.ticketing.userpoint.application;

import java.time.Duration;

/**
 * More logins and sign-ups arrived than the password hashing keeps up with: this one waited its longest for a turn
 * and was given up before any hash was made, so nothing was checked or counted. The caller may try again shortly.
 */
public class PasswordHashingBusyException extends RuntimeException {

    public PasswordHashingBusyException(Duration waited) {
        super("Too many logins at once: no password check started within " + waited.toMillis() + " ms");
    }
}
