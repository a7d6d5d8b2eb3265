package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.ConcertProperties;
import dev.ticketing.concert.application.ReservationStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ConcertProperties.class)
class InfrastructureConfiguration {

    /**
     * What ops alert on: holds still HELD more than one release interval after their expiry. The release job had a
     * run in that time, so a non-zero value means it is not running or not keeping up, and those seats stay blocked.
     */
    @Bean
    MeterBinder overdueHoldsGauge(ReservationStore reservations, ConcertProperties properties, Clock clock) {
        Duration grace = properties.release().interval();
        return registry -> Gauge.builder("concert.holds.overdue", reservations,
                        store -> store.countHeldExpiredBefore(clock.instant().minus(grace)))
                .description("Holds still HELD more than one release interval after their expiry")
                .register(registry);
    }
}
