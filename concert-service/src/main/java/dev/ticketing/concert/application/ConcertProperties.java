package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.HoldPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's tunables (environment: CONCERT_HOLD_DURATION, CONCERT_MAX_HOLDS_PER_USER,
 * CONCERT_MAX_SEATS_PER_USER_AND_DATE, CONCERT_RELEASE_*).
 *
 * @param hold    how long a hold lasts and how many live holds a user may have
 * @param release the job that releases expired holds
 */
@ConfigurationProperties("concert")
public record ConcertProperties(@DefaultValue Hold hold, @DefaultValue Release release) {

    /**
     * @param maxPerUser        live held seats per user, over all dates (anti-hoarding)
     * @param maxPerUserAndDate held and sold seats per user of one concert date (anti-scalping)
     */
    public record Hold(@DefaultValue("5m") Duration duration, @DefaultValue("4") int maxPerUser,
            @DefaultValue("4") int maxPerUserAndDate) {
    }

    /**
     * @param enabled   off only in tests that drive the job by hand
     * @param interval  pause between two runs of the job on one instance
     * @param batchSize holds released per transaction, so one run never locks thousands of rows at once
     */
    public record Release(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
            @DefaultValue("200") int batchSize) {
    }

    public HoldPolicy holdPolicy() {
        return new HoldPolicy(hold.duration(), hold.maxPerUser(), hold.maxPerUserAndDate());
    }
}
