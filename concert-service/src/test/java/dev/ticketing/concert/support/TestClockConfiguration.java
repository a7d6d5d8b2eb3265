package dev.ticketing.concert.support;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces the system clock (common-events only defines one when none exists). */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    /** Before the demo dates (2027) and the ones {@link TestCatalog} creates. */
    public static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @Bean
    MutableClock clock() {
        return new MutableClock(START);
    }

    @Bean
    TestCatalog testCatalog(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new TestCatalog(jdbc);
    }

    @Bean
    ReservationEvents reservationEvents(org.springframework.core.env.Environment environment,
            dev.ticketing.events.outbox.OutboxRelay relay) {
        return new ReservationEvents(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), relay);
    }
}
