package dev.ticketing.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away database on the test server, for what {@link RealInfrastructure} does not cover (e.g. the database of
 * a sibling service started with {@link ServiceProcess}). Close it to drop it.
 */
public record TestDatabase(String name, String url, String user, String password) implements AutoCloseable {

    public static TestDatabase create(String purpose) {
        InfrastructureLocator.Database server = InfrastructureLocator.database();
        String base = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "it_" + base.substring(0, Math.min(base.length(), 40)) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute(server, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(name, server.jdbcUrl(name), server.adminUser(), server.adminPassword());
    }

    @Override
    public void close() {
        execute(InfrastructureLocator.database(), "DROP DATABASE IF EXISTS `" + name + "`");
    }

    static void execute(InfrastructureLocator.Database server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""), server.adminUser(),
                server.adminPassword()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database statement failed: " + sql, e);
        }
    }
}
