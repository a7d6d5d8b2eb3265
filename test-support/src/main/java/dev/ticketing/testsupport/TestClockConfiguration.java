package dev.ticketing.testsupport;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The application's Clock in a test: a {@link MutableClock} instead of common-events' system clock (which backs off
 * when a Clock bean exists) or a service's own (this one is primary). Stopped at {@link #START} unless the test sets
 * {@value #RUNNING}{@code =true} ({@link MutableClock#running()} says when a test needs that).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    /** Before the demo dates (2027) and the dates the tests create. */
    public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    public static final String RUNNING = "ticketing.test.clock-running";

    @Bean
    @Primary
    MutableClock testClock(Environment environment) {
        return environment.getProperty(RUNNING, Boolean.class, false)
                ? MutableClock.running()
                : MutableClock.stoppedAt(START);
    }
}
