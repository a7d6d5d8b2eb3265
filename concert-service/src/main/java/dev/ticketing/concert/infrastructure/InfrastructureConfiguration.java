package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.ConcertProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ConcertProperties.class)
class InfrastructureConfiguration {
}
