package dev.ticketing.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionRateTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration ACTIVE_TTL = Duration.ofMinutes(10);
    private static final Duration TICK = Duration.ofSeconds(5);
    private static final int CAPACITY = 100;
    private static final long FULL = CAPACITY;

    @Test
    void inAFullRoomTheEstimateFollowsTheObservedAdmissions() {
        // 600 admitted in 5 minutes = 2 per second
        AdmissionRate rate = new AdmissionRate(600, WINDOW, CAPACITY, ACTIVE_TTL, TICK);

        assertThat(rate.perSecond()).isEqualTo(2.0);
        assertThat(rate.estimatedWaitSeconds(19, FULL)).isEqualTo(10);
        assertThat(rate.estimatedWaitSeconds(20, FULL)).isEqualTo(11);
    }

    @Test
    void nobodyIsToldLessThanOneTickSinceAdmissionsHappenOnlyAtTicks() {
        AdmissionRate rate = new AdmissionRate(600, WINDOW, CAPACITY, ACTIVE_TTL, TICK);

        assertThat(rate.estimatedWaitSeconds(0, FULL)).isEqualTo(5);
        assertThat(rate.estimatedWaitSeconds(9, FULL)).isEqualTo(5);
    }

    @Test
    void withoutAdmissionsTheEstimateAssumesEveryPlaceIsFreedOncePerActiveLifetime() {
        // 100 places, each freed after 10 minutes at the latest: 100 per 600 s
        AdmissionRate rate = new AdmissionRate(0, WINDOW, CAPACITY, ACTIVE_TTL, TICK);

        assertThat(rate.estimatedWaitSeconds(99, FULL)).isEqualTo(600);
        assertThat(rate.estimatedWaitSeconds(199, FULL)).isEqualTo(1200);
    }

    @Test
    void placesFreeNowGoAtTheNextTickHoweverFewWereAdmittedLately() {
        // a quiet room: 1 admitted in 5 minutes (1 per 300 s), 97 of 100 places free
        AdmissionRate rate = new AdmissionRate(1, WINDOW, CAPACITY, ACTIVE_TTL, TICK);

        assertThat(rate.estimatedWaitSeconds(0, 3)).isEqualTo(5);
        assertThat(rate.estimatedWaitSeconds(96, 3)).isEqualTo(5);
        // the 98th in line needs a place freed first, at the observed rate
        assertThat(rate.estimatedWaitSeconds(97, 3)).isEqualTo(300);
    }

    @Test
    void estimateGrowsWithThePosition() {
        AdmissionRate rate = new AdmissionRate(37, WINDOW, CAPACITY, ACTIVE_TTL, TICK);

        for (long activeNow : new long[] {0, 40, FULL, FULL + 5}) {
            long previous = 0;
            for (long position = 0; position < 5_000; position += 7) {
                long estimate = rate.estimatedWaitSeconds(position, activeNow);
                assertThat(estimate).isGreaterThanOrEqualTo(previous);
                previous = estimate;
            }
        }
    }

    @Test
    void nonsenseInputsAreRefused() {
        assertThatThrownBy(() -> new AdmissionRate(-1, WINDOW, CAPACITY, ACTIVE_TTL, TICK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(0, Duration.ZERO, CAPACITY, ACTIVE_TTL, TICK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(0, WINDOW, 0, ACTIVE_TTL, TICK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(0, WINDOW, CAPACITY, ACTIVE_TTL, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(1, WINDOW, CAPACITY, ACTIVE_TTL, TICK).estimatedWaitSeconds(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionRate(1, WINDOW, CAPACITY, ACTIVE_TTL, TICK).estimatedWaitSeconds(0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
