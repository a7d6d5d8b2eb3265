package dev.ticketing.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.gateway.domain.Verdict.Allowed;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActiveTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String TOKEN = "token-1";

    @Test
    void activeValidationIsReusedWithinTheTtl() {
        ActiveTokenCache cache = new ActiveTokenCache(Duration.ofSeconds(1), 100);
        Allowed allowed = new Allowed(42, NOW.plusSeconds(600), "default");
        cache.remember(TOKEN, allowed, NOW);

        assertThat(cache.find(TOKEN, NOW.plusMillis(999))).contains(allowed);
    }

    @Test
    void entryNeverOutlivesTheTtlByTheRequestClock() {
        ActiveTokenCache cache = new ActiveTokenCache(Duration.ofMillis(500), 100);
        cache.remember(TOKEN, new Allowed(42, NOW.plusSeconds(600), null), NOW);

        assertThat(cache.find(TOKEN, NOW.plusMillis(500))).isEmpty();
    }

    @Test
    void entryNeverOutlivesTheTokensOwnExpiry() {
        ActiveTokenCache cache = new ActiveTokenCache(Duration.ofSeconds(1), 100);
        cache.remember(TOKEN, new Allowed(42, NOW.plusMillis(300), null), NOW);

        assertThat(cache.find(TOKEN, NOW.plusMillis(299))).isPresent();
        assertThat(cache.find(TOKEN, NOW.plusMillis(300))).isEmpty();
    }

    @Test
    void waitingAdmissionsAreNotCachedBecauseTheirAnswerChangesEveryTick() {
        ActiveTokenCache cache = new ActiveTokenCache(Duration.ofSeconds(1), 100);
        cache.remember(TOKEN, new Allowed(42, null, null), NOW);

        assertThat(cache.find(TOKEN, NOW)).isEmpty();
    }

    @Test
    void disabledCacheRemembersNothing() {
        ActiveTokenCache cache = ActiveTokenCache.disabled();
        cache.remember(TOKEN, new Allowed(42, NOW.plusSeconds(600), null), NOW);

        assertThat(cache.enabled()).isFalse();
        assertThat(cache.find(TOKEN, NOW)).isEmpty();
    }
}
