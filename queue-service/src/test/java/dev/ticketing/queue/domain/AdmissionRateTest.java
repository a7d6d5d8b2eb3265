package dev.ticketing.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionRateTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration ACTIVE_TTL = Duration.ofMinutes(10);

    @Test
    void estimateFollowsTheObservedAdmissions() {
        // 600 admitted in 5 minutes = 2 per second
        AdmissionRate rate = new AdmissionRate(600, WINDOW, 100, ACTIVE_TTL);

        assertThat(rate.perSecond()).isEqualTo(2.0);
        assertThat(rate.estimatedWaitSeconds(0)).isEqualTo(1);
        assertThat(rate.estimatedWaitSeconds(9)).isEqualTo(5);
        assertThat(rate.estimatedWaitSeconds(10)).isEqualTo(6);
    }

    @Test
    void withoutAdmissionsTheEstimateAssumesEveryPlaceIsFreedOncePerActiveLifetime() {
        // 100 places, each freed after 10 minutes at the latest: 100 per 600 s
        AdmissionRate rate = new AdmissionRate(0, WINDOW, 100, ACTIVE_TTL);

        assertThat(rate.estimatedWaitSeconds(99)).isEqualTo(600);
        assertThat(rate.estimatedWaitSeconds(199)).isEqualTo(1200);
    }

    @Test
    void estimateGrowsWithThePosition() {
        AdmissionRate rate = new AdmissionRate(37, WINDOW, 100, ACTIVE_TTL);

        long previous = 0;
        for (long position = 0; position < 5_000; position += 97) {
            long estimate = rate.estimatedWaitSeconds(position);
            assertThat(estimate).isGreaterThanOrEqualTo(previous);
            previous = estimate;
        }
    }

    @Test
    void nonsenseInputsAreRefused() {
        assertThatThrownBy(() -> new AdmissionRate(-1, WINDOW, 100, ACTIVE_TTL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(0, Duration.ZERO, 100, ACTIVE_TTL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(0, WINDOW, 0, ACTIVE_TTL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(1, WINDOW, 100, ACTIVE_TTL).estimatedWaitSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
