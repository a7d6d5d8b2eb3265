package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.PointsProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PointsProperties.class)
class UserPointConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
