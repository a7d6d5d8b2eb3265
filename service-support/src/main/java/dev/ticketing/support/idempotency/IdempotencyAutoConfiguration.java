package dev.ticketing.support.idempotency;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} support for a service that has the {@code idempotent_request} table (its own Flyway
 * migration) and sets {@code ticketing.idempotency.enabled=true}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.jdbc.core.simple.JdbcClient")
@ConditionalOnProperty(prefix = "ticketing.idempotency", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(IdempotencyProperties.class)
@Import(IdempotencyProblemHandler.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new JdbcIdempotencyStore(jdbc, transactions);
    }

    @Bean
    IdempotentRequests idempotentRequests(IdempotencyStore store, IdempotencyProperties properties, JsonMapper json,
            ObjectProvider<Clock> clock) {
        return new IdempotentRequests(store, properties, json, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyStore store, IdempotencyProperties properties,
            ObjectProvider<Clock> clock) {
        return new IdempotencyPurge(store, properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
