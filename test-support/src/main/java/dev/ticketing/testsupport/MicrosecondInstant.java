package dev.ticketing.testsupport;

import java.time.Instant;

/**
 * An instant with microseconds, and the SQL text that stores exactly it in a DATETIME(6) column, as its UTC wall time
 * (docs/conventions.md, "Time columns"). Text, because against MariaDB 10.11 Connector/J reads the server as "5.5.5"
 * and drops the fraction of every temporal value it binds, for JdbcClient and Hibernate alike; a real MySQL 8 keeps
 * it.
 */
public final class MicrosecondInstant {

    public static final Instant VALUE = Instant.parse("2026-12-03T05:06:07.123456Z");
    public static final String SQL_TEXT = "2026-12-03 05:06:07.123456";

    private MicrosecondInstant() {
    }
}
