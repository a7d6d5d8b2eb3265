package dev.ticketing.userpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginAttemptsTest {

    private static final Instant START = Instant.parse("2026-12-01T20:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void isOverTheLimitOnlyPastIt() {
        assertThat(new LoginAttempts(10, START).over(10)).isFalse();
        assertThat(new LoginAttempts(11, START).over(10)).isTrue();
    }

    @Test
    void aWindowIsLiveUntilItsEndAndTheAttemptBeingMadeCountsToo() {
        LoginAttempts attempts = new LoginAttempts(25, START);
        assertThat(attempts.live(WINDOW, START.plusSeconds(299))).isTrue();
        assertThat(attempts.live(WINDOW, START.plusSeconds(300))).isFalse();
        assertThat(attempts.over(25)).isFalse();
        assertThat(attempts.andThisOne().over(25)).isTrue();
    }

    @Test
    void waitsUntilTheWindowEndsInWholeSecondsRoundedUpAndAtLeastOne() {
        LoginAttempts attempts = new LoginAttempts(11, START);
        assertThat(attempts.secondsLeft(WINDOW, START)).isEqualTo(300);
        assertThat(attempts.secondsLeft(WINDOW, START.plusMillis(100))).isEqualTo(300);
        assertThat(attempts.secondsLeft(WINDOW, START.plusSeconds(299).plusMillis(1))).isEqualTo(1);
        assertThat(attempts.secondsLeft(WINDOW, START.plusSeconds(400))).isEqualTo(1);
    }
}
