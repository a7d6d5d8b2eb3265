package dev.ticketing.queue.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bearer value a user shows on every request while in the waiting room. It carries no data: 192 bits from
 * {@link SecureRandom}, URL-safe Base64 without padding (32 characters), bound to its user only in Redis.
 */
public record QueueToken(String value) {

    /** 24 random bytes: well above the 128 bits needed so that guessing a live token is hopeless. */
    static final int RANDOM_BYTES = 24;

    /** A header longer than this is refused before it reaches Redis. */
    public static final int MAX_LENGTH = 200;

    /** 128 bits in Base64 take 22 characters: anything shorter cannot be one of ours. */
    public static final int MIN_LENGTH = 22;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public QueueToken {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("Not a well-formed queue token");
        }
    }

    public static QueueToken generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new QueueToken(ENCODER.encodeToString(bytes));
    }

    /**
     * The value a client sent, if it could possibly be a token: garbage (blank, oversized, characters outside the
     * URL-safe alphabet) is refused here so it costs no Redis round trip.
     */
    public static Optional<QueueToken> parse(String raw) {
        return isWellFormed(raw) ? Optional.of(new QueueToken(raw)) : Optional.empty();
    }

    static boolean isWellFormed(String raw) {
        if (raw == null || raw.length() < MIN_LENGTH || raw.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!urlSafe) {
                return false;
            }
        }
        return true;
    }

    /**
     * The id of this token's admission, the admission token's {@code jti}: SHA-1 of the value in lower-case hex,
     * which expire_on_payment.lua computes the same way ({@code redis.sha1hex}) to revoke it. One-way, so a jti in a
     * log or the revocation set does not give the queue token away.
     */
    public String admissionId() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        // Tokens are credentials: logs and exception messages show only a prefix.
        return "QueueToken[" + value.substring(0, 6) + "…]";
    }
}
