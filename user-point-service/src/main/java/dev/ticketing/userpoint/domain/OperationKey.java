package dev.ticketing.userpoint.domain;

import java.util.Objects;

/**
 * An idempotency key in its scope: the same key string of another user or of another kind of operation is another
 * operation, so clients need not make keys globally unique. Keys are 1 to 100 visible ASCII characters (a UUID, an
 * order reference), compared exactly.
 */
public record OperationKey(long userId, TransactionType type, String key) {

    public static final int MAX_LENGTH = 100;

    public OperationKey {
        Objects.requireNonNull(type, "type");
        if (!isValid(key)) {
            throw new IllegalArgumentException(RULE);
        }
    }

    public static final String RULE = "an idempotency key is 1 to " + MAX_LENGTH
            + " visible ASCII characters without spaces";

    public static boolean isValid(String key) {
        return key != null && !key.isEmpty() && key.length() <= MAX_LENGTH
                && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
