package dev.ticketing.concert.infrastructure.persistence;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Repository calls join the use case's transaction, and outside one they run as a single autocommit statement on a
 * short-lived EntityManager, as the JdbcClient reads did: a read-only transaction per call (Spring Data's default)
 * adds its begin and commit round trips to every catalogue read, the hot path on opening day.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(enableDefaultTransactions = false)
class PersistenceConfiguration {
}
