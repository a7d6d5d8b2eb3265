package dev.ticketing.system;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The system's invariants, checked from the outside against its stores after a run (the auditor's view: it reads the
 * three service databases and Redis directly, which no service may do):
 * <ul>
 *   <li>no seat is sold twice, and a seat is SOLD exactly when it has one CONFIRMED reservation;</li>
 *   <li>points debited = prices of the seats sold + points refunded (no payment without a seat or a refund);</li>
 *   <li>no more tokens are ACTIVE in any waiting room than its capacity (the fullest room is reported).</li>
 * </ul>
 * Run standalone with {@code java ... dev.ticketing.system.ConsistencyCheck}; exits 1 when an invariant is broken.
 */
public final class ConsistencyCheck {

    public record Report(long seatsSold, long seatsSoldTwice, long seatStatusMismatches, long pointsDebited,
            long pricesOfSeatsSold, long pointsRefunded, long activeTokens, long capacity, List<String> violations) {

        public boolean consistent() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return """
                    Consistency check
                      seats sold ........................ %d
                      seats sold twice .................. %d
                      seat/reservation status mismatches  %d
                      points debited .................... %d
                      prices of seats sold .............. %d
                      points refunded ................... %d   (debited = sold + refunded: %s)
                      active tokens / capacity .......... %d / %d
                      verdict ........................... %s"""
                    .formatted(seatsSold, seatsSoldTwice, seatStatusMismatches, pointsDebited, pricesOfSeatsSold,
                            pointsRefunded, pointsDebited == pricesOfSeatsSold + pointsRefunded, activeTokens,
                            capacity, violations.isEmpty() ? "CONSISTENT" : "VIOLATED " + violations);
        }
    }

    private ConsistencyCheck() {
    }

    /**
     * Audits until the invariants hold or {@code timeout} passes, and answers the last report: events in flight (a
     * payment whose PaymentCompleted is not yet applied) settle within seconds, after which the invariants must hold.
     */
    public static Report settled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Report report = run();
        while (!report.consistent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report;
            }
            report = run();
        }
        return report;
    }

    public static Report run() {
        String host = env("TEST_MYSQL_HOST", "127.0.0.1");
        String url = "jdbc:mysql://" + host + ":" + env("TEST_MYSQL_PORT", "3306") + "/?useSSL=false"
                + "&allowPublicKeyRetrieval=true";
        try (Connection db = DriverManager.getConnection(url, env("TEST_MYSQL_USER", "ticketing_test"),
                env("TEST_MYSQL_PASSWORD", "ticketing_test"))) {
            long seatsSold = count(db, "SELECT COUNT(*) FROM concert.seat WHERE status = 'SOLD'");
            long soldTwice = count(db, """
                    SELECT COUNT(*) FROM (SELECT seat_id FROM concert.reservation WHERE status = 'CONFIRMED'
                                          GROUP BY seat_id HAVING COUNT(*) > 1) twice""");
            long mismatches = count(db, """
                    SELECT COUNT(*) FROM concert.seat s
                    WHERE (s.status = 'SOLD') <> EXISTS (SELECT 1 FROM concert.reservation r
                                                         WHERE r.seat_id = s.id AND r.status = 'CONFIRMED')""");
            long debited = count(db,
                    "SELECT COALESCE(SUM(amount), 0) FROM user_point.point_transaction WHERE type = 'DEBIT'");
            long refunded = count(db,
                    "SELECT COALESCE(SUM(amount), 0) FROM user_point.point_transaction WHERE type = 'REFUND'");
            long soldPrices = count(db,
                    "SELECT COALESCE(SUM(price), 0) FROM concert.reservation WHERE status = 'CONFIRMED'");
            RoomLoad fullest = fullestRoom(Long.parseLong(env("QUEUE_CAPACITY", "100")));
            long capacity = fullest.capacity();
            long active = fullest.active();

            List<String> violations = new ArrayList<>();
            if (soldTwice > 0) {
                violations.add(soldTwice + " seats sold twice");
            }
            if (mismatches > 0) {
                violations.add(mismatches + " seats whose status disagrees with their reservations");
            }
            if (debited != soldPrices + refunded) {
                violations.add("debited " + debited + " != sold " + soldPrices + " + refunded " + refunded);
            }
            if (active > capacity) {
                violations.add(active + " active tokens exceed capacity " + capacity + " in room " + fullest.room());
            }
            return new Report(seatsSold, soldTwice, mismatches, debited, soldPrices, refunded, active, capacity,
                    violations);
        } catch (SQLException e) {
            throw new IllegalStateException("Consistency check could not read the databases", e);
        }
    }

    /** One waiting room's active tokens and capacity (the operator's live value, else the configured default). */
    record RoomLoad(String room, long active, long capacity) {
    }

    /**
     * The room whose active tokens come closest to (or beyond) its capacity: the room {@code default} and every
     * concert's room of queue-service's registry (key layout in queue-service/README.md).
     */
    private static RoomLoad fullestRoom(long defaultCapacity) {
        String uri = "redis://" + env("REDIS_HOST", "127.0.0.1") + ":" + env("REDIS_PORT", "6379");
        String prefix = env("QUEUE_REDIS_PREFIX", "queue:");
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var redis = connection.sync();
            List<String> rooms = new ArrayList<>(List.of("default"));
            rooms.addAll(redis.smembers(prefix + "rooms"));
            RoomLoad fullest = null;
            for (String room : rooms) {
                String roomPrefix = room.equals("default") ? prefix : prefix + "room:" + room + ":";
                String live = redis.hget(roomPrefix + "settings", "capacity");
                RoomLoad load = new RoomLoad(room, redis.zcard(roomPrefix + "active"),
                        live == null ? defaultCapacity : Long.parseLong(live));
                if (fullest == null || load.active() - load.capacity() > fullest.active() - fullest.capacity()) {
                    fullest = load;
                }
            }
            return fullest;
        } finally {
            client.shutdown();
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static void main(String[] args) {
        Report report = settled(Duration.ofSeconds(60));
        System.out.println(report);
        System.exit(report.consistent() ? 0 : 1);
    }
}
