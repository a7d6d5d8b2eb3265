package dev.ticketing.queue;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces common-events' system clock (it backs off when a Clock bean exists). */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    }
}
