package dev.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.system.Gateway.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Idempotency-Key across a crash, through the gateway: concert-service, then payment-service, is killed (SIGKILL)
 * while keyed holds and payments are in flight, and started again. Every client then retries with its own key, as a
 * frontend does whose answer was lost. Wherever the kill fell (before the commit, between the commit and the answer,
 * after the answer), every key ends in exactly the committed state: one hold, one payment, one debit, and the answer
 * is the first answer (byte for byte where the client had seen it). No hook in the services: the answer is committed
 * in the transaction of the effect, so there is no window to hit; the drill checks every key whatever it hit.
 */
class IdempotentRetryCrashDrillSystemTest {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRetryCrashDrillSystemTest.class);
    private static final int CLIENTS = 8;
    /** The services' databases; other names where the system under test runs on its own (TEST_*_DB). */
    private static final String CONCERT_DB = env("TEST_CONCERT_DB", "concert");
    private static final String PAYMENT_DB = env("TEST_PAYMENT_DB", "payment");

    @Test
    void holdsCutByACrashAreTheFirstHoldOnRetryWithTheSameKey() throws Exception {
        List<HoldClient> clients = new ArrayList<>();
        long[] concertAndDate = new long[2];
        List<JsonNode> seats = null;
        for (int i = 0; i < CLIENTS; i++) {
            long user = DemoUsers.next();
            String token = Gateway.activeToken(user);
            if (seats == null) {
                seats = Gateway.availableSeats(token, concertAndDate, CLIENTS);
            }
            clients.add(new HoldClient(user, token, concertAndDate, seats.get(i).get("seatId").asLong(),
                    key("hold")));
        }

        List<Response> firsts = crashWhileInFlight("concert-service", clients.stream()
                .<Supplier<Response>>map(client -> client::hold).toList());

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            HoldClient client = clients.get(i);
            Response retried = untilSettled(client::hold);
            Response first = firsts.get(i);
            assertThat(retried.status()).as("retry of user %d: %s (first: %s)", client.user(), retried, first)
                    .isEqualTo(201);
            if (first != null && first.status() == 201) {
                assertThat(retried.raw()).as("the first answer, replayed").isEqualTo(first.raw());
                assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            }
            // exactly the committed state: one live hold of this seat, the one the answer names
            assertThat(holdsOf(client)).as("holds of user %d on seat %d", client.user(), client.seatId())
                    .isEqualTo(1);
            assertThat(heldReservationOf(client)).isEqualTo(retried.number("reservationId"));
            assertThat(untilSettled(client::hold).raw()).as("a replay is stable").isEqualTo(retried.raw());
            outcomes.add(describe(first, retried));
        }
        log.info("Holds cut by the crash, first answer -> retry with the same key: {}", outcomes);
    }

    @Test
    void paymentsCutByACrashArePaidOnceAndAnswerTheFirstAnswerOnRetryWithTheSameKey() throws Exception {
        List<Purchase> purchases = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            purchases.add(Purchase.prepare(i * 2 + 20));
            keys.add(key("pay"));
        }

        List<Supplier<Response>> payments = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Purchase purchase = purchases.get(i);
            String key = keys.get(i);
            payments.add(() -> Gateway.post("/api/payments", purchase.token(),
                    "{\"reservationId\":" + purchase.reservationId() + "}", "Idempotency-Key", key));
        }
        List<Response> firsts = crashWhileInFlight("payment-service", payments);

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Purchase purchase = purchases.get(i);
            String key = keys.get(i);
            // a fresh queue token: a completed payment used the first one up
            LiveToken token = new LiveToken(purchase.userId());
            Supplier<Response> retry = () -> token.post("/api/payments",
                    "{\"reservationId\":" + purchase.reservationId() + "}", "Idempotency-Key", key);
            Response retried = untilSettled(retry);
            Response first = firsts.get(i);
            // 201: this key's payment, answered now or replayed. 200: a payment the crash left PENDING was completed
            // by the abandoned-payment job before this retry, with the same debit key; the first answer never left
            // the service, and this one names the same payment.
            assertThat(retried.status()).as("retry of user %d: %s (first: %s)", purchase.userId(), retried, first)
                    .isIn(200, 201);
            assertThat(retried.text("status")).isEqualTo("COMPLETED");
            if (first != null && first.status() == 201) {
                assertThat(retried.body()).as("the first answer, replayed").isEqualTo(first.body());
                assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            }
            assertThat(paymentsOf(purchase.reservationId())).as("payments of reservation %d",
                    purchase.reservationId()).containsExactly(retried.number("paymentId"));
            assertThat(untilSettled(retry).body()).as("a replay is stable").isEqualTo(retried.body());

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    "CONFIRMED".equals(token.get("/api/reservations/" + purchase.reservationId()).text("status")));
            assertThat(token.get("/api/points").number("balance")).as("one debit for user %d", purchase.userId())
                    .isEqualTo(purchase.balanceBeforeCharge());
            assertThat(purchase.debitsOfThisPurchase(token.value())).isEqualTo(1);
            outcomes.add(describe(first, retried));
        }
        log.info("Payments cut by the crash, first answer -> retry with the same key: {}", outcomes);
    }

    /** "201 -> 201 replayed"; "cut -> 201 replayed": committed, answer lost; "502 -> 201": not committed, run again. */
    private static String describe(Response first, Response retried) {
        String seen = first == null ? "cut" : Integer.toString(first.status());
        return seen + " -> " + retried.status() + ("true".equals(retried.header("Idempotent-Replayed")) ? " replayed"
                : "");
    }

    /** Sends every request at once, kills the service while they run, starts it again; what each client saw. */
    private static List<Response> crashWhileInFlight(String service, List<Supplier<Response>> requests)
            throws InterruptedException {
        List<Response> seen = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
            List<Future<Response>> inFlight = requests.stream().map(request -> pool.submit(request::get)).toList();
            Gateway.sleep(120);
            LocalSystem.killService(service);
            try {
                for (Future<Response> response : inFlight) {
                    seen.add(whateverItSaw(response));
                }
            } finally {
                LocalSystem.startService(service);
            }
        }
        return seen;
    }

    /** The answer, or null for a connection the gateway had to cut; never a 500. */
    private static Response whateverItSaw(Future<Response> response) throws InterruptedException {
        try {
            Response answer = response.get();
            assertThat(answer.status()).as("a crash is never a 500: %s", answer).isNotEqualTo(500);
            return answer;
        } catch (ExecutionException cut) {
            return null;
        }
    }

    /**
     * Retries as a client does: after 409 IDEMPOTENCY_KEY_IN_USE (the dead request's key, until its lease passes),
     * 409 RESERVATION_PENDING, 502/503 or a cut connection, after Retry-After.
     */
    private static Response untilSettled(Supplier<Response> request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = request.get();
                boolean again = last.status() == 502 || last.status() == 503
                        || "IDEMPOTENCY_KEY_IN_USE".equals(last.code()) || "RESERVATION_PENDING".equals(last.code());
                if (!again) {
                    return last;
                }
            } catch (IllegalStateException cut) {
                // the service is still starting
            }
            Gateway.sleep(1000);
        }
        throw new AssertionError("Still not settled after 120 s: " + last);
    }

    private static String key(String what) {
        return "\"drill-" + what + "-" + UUID.randomUUID() + "\"";
    }

    private record HoldClient(long user, String token, long[] concertAndDate, long seatId, String key) {

        Response hold() {
            return Gateway.post("/api/reservations", token, """
                    {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1],
                    seatId), "Idempotency-Key", key);
        }
    }

    private static long holdsOf(HoldClient client) throws SQLException {
        return query("SELECT COUNT(*) FROM " + CONCERT_DB + ".reservation"
                + " WHERE user_id = ? AND seat_id = ? AND status = 'HELD'", client.user(), client.seatId()).getFirst();
    }

    private static long heldReservationOf(HoldClient client) throws SQLException {
        return query("SELECT id FROM " + CONCERT_DB + ".reservation"
                + " WHERE user_id = ? AND seat_id = ? AND status = 'HELD'", client.user(), client.seatId()).getFirst();
    }

    private static List<Long> paymentsOf(long reservationId) throws SQLException {
        return query("SELECT id FROM " + PAYMENT_DB + ".payment WHERE reservation_id = ?", reservationId);
    }

    private static List<Long> query(String sql, long... parameters) throws SQLException {
        String url = "jdbc:mysql://" + env("TEST_MYSQL_HOST", "127.0.0.1") + ":" + env("TEST_MYSQL_PORT", "3306")
                + "/?useSSL=false&allowPublicKeyRetrieval=true";
        try (Connection db = DriverManager.getConnection(url, env("TEST_MYSQL_USER", "ticketing_test"),
                env("TEST_MYSQL_PASSWORD", "ticketing_test"));
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setLong(i + 1, parameters[i]);
            }
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
