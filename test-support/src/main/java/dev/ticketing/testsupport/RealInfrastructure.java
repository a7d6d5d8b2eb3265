package dev.ticketing.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs a Spring test against real servers: a fresh MySQL-compatible database for this test class (dropped when the
 * class ends), a Redis key prefix of its own, and, with {@code kafka = true}, an in-process KRaft Kafka broker.
 *
 * <p>Where the servers come from is decided once, in {@link InfrastructureLocator}: the local MariaDB and Redis that
 * {@code infra/local/up.sh} starts (addresses from {@code TEST_MYSQL_*} / {@code TEST_REDIS_*}), or Testcontainers
 * where a Docker engine answers and {@code TEST_INFRA=containers}.
 *
 * <p>Properties set: {@code spring.datasource.*} (plus MariaDB dialect hints when the server is MariaDB),
 * {@code spring.data.redis.host/port}, {@code ticketing.redis.key-prefix}, {@code spring.kafka.bootstrap-servers}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface RealInfrastructure {

    /** Whether this class needs a database (MySQL-compatible). */
    boolean database() default true;

    /** Whether this class needs a Kafka broker. */
    boolean kafka() default false;
}
