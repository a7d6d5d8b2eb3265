package dev.ticketing.userpoint.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a new password must be: 8 to 128 characters, and not the username in any case. bcrypt reads at most 72 bytes
 * of a password (Spring Security refuses longer ones rather than silently ignoring the rest), so a password whose
 * UTF-8 form is longer than 72 bytes is refused too.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    public static void check(String password, Username username) {
        if (password == null) {
            throw new UserPointError.PasswordRejected("A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new UserPointError.PasswordRejected(
                    "A password is " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new UserPointError.PasswordRejected("A password is at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (password.toLowerCase(Locale.ROOT).equals(username.normalized())) {
            throw new UserPointError.PasswordRejected("The password must not be the username");
        }
    }
}
