package dev.ticketing.support.persistence;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Data JPA settings every service with a database shares, as lowest-precedence defaults (a service's
 * application.yml or the environment can still override them). Harmless in a service without JPA: nothing reads them.
 *
 * <ul>
 *   <li>Flyway owns the schema; Hibernate only checks its mapping against it at start-up ({@code validate}), so a
 *       mapping that drifted from the migrations stops the service instead of corrupting rows.</li>
 *   <li>No open session in view: a request holds a connection only inside its transaction, never while it renders
 *       or waits on another service (the pool is what gives out first under a crowd).</li>
 *   <li>Instants are written and read as UTC, whatever the JVM's or the server's time zone (the migrations' DATETIME
 *       columns hold UTC wall time).</li>
 * </ul>
 * The MariaDB dialect hints are not here: they belong to the {@code mariadb} profile only
 * ({@code application-mariadb.yml}), never to a real MySQL 8.
 */
public class PersistenceDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "ticketingPersistenceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(
                "spring.jpa.hibernate.ddl-auto", "validate",
                "spring.jpa.open-in-view", "false",
                "spring.jpa.properties.hibernate.jdbc.time_zone", "UTC")));
    }
}
