package dev.ticketing.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The time columns of a service's schema that break its one rule: every point in time is a {@code DATETIME(6)}
 * holding UTC (docs/conventions.md, "Time columns"). Read from information_schema, so it sees what Flyway really
 * built, the shared outbox/inbox tables of common-events included. Flyway's own history table is not ours (its
 * {@code installed_on} is Flyway's TIMESTAMP, written by Flyway alone) and is left out.
 */
public final class TimeColumns {

    private TimeColumns() {
    }

    /** "table.column type" of every TIMESTAMP or DATETIME column of the current database that is not DATETIME(6). */
    public static List<String> notDatetime6(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT table_name, column_name, column_type FROM information_schema.columns
                        WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'
                          AND data_type IN ('timestamp', 'datetime') AND LOWER(column_type) <> 'datetime(6)'
                        ORDER BY table_name, column_name""");
                ResultSet rows = statement.executeQuery()) {
            List<String> wrong = new ArrayList<>();
            while (rows.next()) {
                wrong.add(rows.getString(1) + "." + rows.getString(2) + " " + rows.getString(3));
            }
            return wrong;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the time columns from information_schema", e);
        }
    }

    /** How many time columns the current database has, so a test can show it looked at some. */
    public static int count(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT COUNT(*) FROM information_schema.columns
                        WHERE table_schema = DATABASE() AND table_name <> 'flyway_schema_history'
                          AND data_type IN ('timestamp', 'datetime')""");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the time columns from information_schema", e);
        }
    }
}
