package dev.ticketing.testsupport;

import java.util.Map;

/**
 * Hibernate 7 reads MariaDB through Connector/J as "MySQL 5.5" and then generates {@code FOR UPDATE OF alias SKIP
 * LOCKED}, which MariaDB rejects. Telling Hibernate the truth selects MariaDBDialect. Same keys as the services'
 * {@code mariadb} profile; never used against a real MySQL.
 */
public final class MariaDbHints {

    public static final Map<String, Object> PROPERTIES = Map.of(
            "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access", "false",
            "spring.jpa.properties.jakarta.persistence.database-product-name", "MariaDB",
            "spring.jpa.properties.jakarta.persistence.database-major-version", "10",
            "spring.jpa.properties.jakarta.persistence.database-minor-version", "11",
            "spring.datasource.hikari.data-source-properties.nullDatabaseMeansCurrent", "true");

    private MariaDbHints() {
    }
}
