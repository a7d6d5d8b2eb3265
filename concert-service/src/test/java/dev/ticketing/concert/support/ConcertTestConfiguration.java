package dev.ticketing.concert.support;

import dev.ticketing.testsupport.TestClockConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What the integration tests add to the application: the test clock, a catalog to fill, the topic's events. */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestClockConfiguration.class)
public class ConcertTestConfiguration {

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
