package dev.ticketing.userpoint.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A login name: 3 to 32 characters of {@code [A-Za-z0-9._-]}, kept as typed and compared in lower case, so that
 * {@code Alice} and {@code alice} are one user.
 */
public record Username(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{3,32}");

    public Username {
        if (!isValid(value)) {
            throw new UserPointError.InvalidUsername();
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    /** The form usernames are unique in. */
    public String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }
}
