package dev.ticketing.gateway.application;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admissions ended early (by a payment), held in memory until their own {@code exp}, after which the token is
 * refused as expired anyway. Fed by the revocation feed (Redis pub/sub plus the live set, loaded before this
 * instance is ready); until the first load it is not {@link #loaded()} and admission tokens cannot be trusted.
 */
public final class RevokedAdmissions {

    private final Map<String, Long> expiryMillisById = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public void revoke(String id, long expiresAtMillis) {
        expiryMillisById.merge(id, expiresAtMillis, Math::max);
    }

    public boolean isRevoked(String id) {
        return expiryMillisById.containsKey(id);
    }

    /** The live set has been read once: from now on every revocation is known here. */
    public void markLoaded() {
        loaded = true;
    }

    public boolean loaded() {
        return loaded;
    }

    /** Drops the ids whose token is past its expiry: it is refused by {@code exp} from now on. */
    public void forgetExpired(Instant now) {
        long nowMillis = now.toEpochMilli();
        expiryMillisById.values().removeIf(expiresAt -> expiresAt <= nowMillis);
    }

    public int size() {
        return expiryMillisById.size();
    }
}
