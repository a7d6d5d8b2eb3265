package dev.ticketing.gateway.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.ticketing.gateway.domain.Verdict.Allowed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers ACTIVE validations for a very short time so a burst of requests with one token asks queue-service once.
 * An entry never outlives the token's own expiry; a token expired early (by a payment) may still pass for at most
 * {@code ttl}, which is why the ttl is bounded to one second and off by default.
 */
public final class ActiveTokenCache {

    private record Entry(Allowed allowed, Instant validUntil) {
    }

    private final Duration ttl;
    private final Cache<String, Entry> entries;

    public ActiveTokenCache(Duration ttl, long maxEntries) {
        this.ttl = ttl;
        this.entries = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.creating((String token, Entry entry) -> ttl))
                .build();
    }

    public static ActiveTokenCache disabled() {
        return new ActiveTokenCache(Duration.ZERO, 0);
    }

    public boolean enabled() {
        return entries != null;
    }

    public Optional<Allowed> find(String token, Instant now) {
        if (entries == null) {
            return Optional.empty();
        }
        Entry entry = entries.getIfPresent(token);
        // Caffeine's own timer bounds the entry by ttl; the token's expiry is checked against the request's clock
        if (entry == null || !now.isBefore(entry.validUntil())) {
            return Optional.empty();
        }
        return Optional.of(entry.allowed());
    }

    /** Only ACTIVE validations with a known expiry are cached: a waiting token's answer changes every tick. */
    public void remember(String token, Allowed allowed, Instant now) {
        if (entries == null || allowed.activeUntil() == null) {
            return;
        }
        Instant byTtl = now.plus(ttl);
        Instant validUntil = allowed.activeUntil().isBefore(byTtl) ? allowed.activeUntil() : byTtl;
        if (now.isBefore(validUntil)) {
            entries.put(token, new Entry(allowed, validUntil));
        }
    }
}
