package dev.ticketing.support.idempotency;

import java.util.List;

/**
 * The value of an {@code Idempotency-Key} header (draft-ietf-httpapi-idempotency-key-header): a Structured Field
 * String (RFC 9651), e.g. {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}, read strictly: printable ASCII between the
 * quotes, only {@code \"} and {@code \\} as escapes, nothing after the closing quote (no parameters, no list), 1 to
 * {@value #MAX_LENGTH} characters. Clients written before the draft was adopted send the key bare
 * ({@code 8e03978e-...}); that form stays accepted: 1 to {@value #MAX_LENGTH} visible ASCII characters other than
 * {@code "}, {@code \} and {@code ,}. Both forms name the same key: {@code "abc"} and {@code abc} are one key.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 100;
    public static final String RULE = "Idempotency-Key is one quoted string (\"...\", printable ASCII, at most "
            + MAX_LENGTH + " characters) or, as before, 1 to " + MAX_LENGTH
            + " visible ASCII characters without quotes, backslashes, commas or spaces";

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new MalformedIdempotencyKeyException(RULE);
        }
    }

    /**
     * The key of a request's header lines: empty when there is none; a refusal when there are several (the draft
     * allows one) or the one is malformed.
     */
    public static java.util.Optional<IdempotencyKey> fromHeaders(List<String> lines) {
        if (lines.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (lines.size() > 1) {
            throw new MalformedIdempotencyKeyException("Send at most one Idempotency-Key header");
        }
        return java.util.Optional.of(parse(lines.getFirst()));
    }

    public static IdempotencyKey parse(String header) {
        if (header == null || header.isEmpty()) {
            throw new MalformedIdempotencyKeyException(RULE);
        }
        return header.charAt(0) == '"' ? new IdempotencyKey(sfString(header)) : new IdempotencyKey(bare(header));
    }

    private static String sfString(String header) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '\\') {
                if (i + 1 >= header.length() || (header.charAt(i + 1) != '"' && header.charAt(i + 1) != '\\')) {
                    throw new MalformedIdempotencyKeyException(RULE);
                }
                value.append(header.charAt(++i));
            } else if (c == '"') {
                if (i != header.length() - 1) {
                    throw new MalformedIdempotencyKeyException(RULE); // parameters, a list or trailing bytes
                }
                return value.toString();
            } else if (c < 0x20 || c >= 0x7f) {
                throw new MalformedIdempotencyKeyException(RULE);
            } else {
                value.append(c);
            }
        }
        throw new MalformedIdempotencyKeyException(RULE); // no closing quote
    }

    private static String bare(String header) {
        if (!header.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ',')) {
            throw new MalformedIdempotencyKeyException(RULE);
        }
        return header;
    }
}
