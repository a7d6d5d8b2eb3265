package dev.ticketing.gateway.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decides from a token's state whether a request may pass to a route. */
public final class RouteAccessRule {

    /**
     * Tokens are opaque here but travel in a URL path to queue-service, so only URL-safe Base64 characters pass (a
     * header like {@code ../../actuator} never becomes another path there). The bounds are queue-service's own: a
     * token carries at least 128 random bits (22 characters); a longer header is refused unread. Anything outside
     * them is refused without a call.
     */
    public static final int MIN_TOKEN_LENGTH = 22;
    public static final int MAX_TOKEN_LENGTH = 200;

    private static final Pattern TOKEN_SHAPE =
            Pattern.compile("[A-Za-z0-9_-]{" + MIN_TOKEN_LENGTH + "," + MAX_TOKEN_LENGTH + "}");

    private RouteAccessRule() {
    }

    /**
     * A signed admission token (compact JWS: three Base64url parts joined by dots) is told from an opaque waiting
     * token by its shape alone; an opaque token never has a dot. Anything longer is refused unread.
     */
    public static final int MAX_ADMISSION_TOKEN_LENGTH = 2048;

    public static boolean looksLikeAdmissionToken(String header) {
        if (header == null || header.length() > MAX_ADMISSION_TOKEN_LENGTH) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    /**
     * A verified admission token against the caller and the revocations: another user's token is refused first,
     * then a revoked one (the visit ended by a payment) as expired, like queue-service refuses its opaque token.
     */
    public static Verdict judgeAdmission(Admission admission, long caller, boolean revoked, Instant now) {
        if (admission.userId() != caller) {
            return new Verdict.NotYours();
        }
        if (revoked || !now.isBefore(admission.expiresAt())) {
            return new Verdict.TokenExpired();
        }
        return new Verdict.Allowed(admission.userId(), admission.expiresAt(), admission.room());
    }

    /** An empty answer when the header can be judged without asking queue-service. */
    public static Optional<Verdict> judgeHeader(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(new Verdict.TokenInvalid("The X-Queue-Token header is missing"));
        }
        if (header.length() > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.matcher(header).matches()) {
            return Optional.of(new Verdict.TokenInvalid("The X-Queue-Token header is not a queue token"));
        }
        return Optional.empty();
    }

    /**
     * {@code state} is empty when queue-service does not know the token; {@code caller} is the authenticated user.
     * A token of another user is refused before its state is looked at, so its position or expiry is never told.
     */
    public static Verdict judge(Optional<OpaqueTokenView> state, RouteAccess access, long caller, Instant now) {
        if (state.isEmpty()) {
            return new Verdict.TokenInvalid("Unknown queue token");
        }
        OpaqueTokenView token = state.get();
        if (token.userId() <= 0) {
            return new Verdict.TokenInvalid("The queue token is not bound to a user");
        }
        if (token.userId() != caller) {
            return new Verdict.NotYours();
        }
        return switch (token.status()) {
            case EXPIRED -> new Verdict.TokenExpired();
            // queue-service expires tokens on its scheduler tick; between the expiry instant and that tick the
            // token is already spent
            case ACTIVE -> token.expiresAt() != null && !now.isBefore(token.expiresAt())
                    ? new Verdict.TokenExpired()
                    : new Verdict.Allowed(token.userId(), token.expiresAt(), token.room());
            case WAITING -> access == RouteAccess.WAITING_OR_ACTIVE
                    ? new Verdict.Allowed(token.userId(), null, null)
                    : new Verdict.StillWaiting(Math.max(0, token.position()),
                            Math.max(0, token.estimatedWaitSeconds()));
            case UNRECOGNIZED -> new Verdict.TokenInvalid("The queue token is in a state this gateway does not accept");
        };
    }
}
