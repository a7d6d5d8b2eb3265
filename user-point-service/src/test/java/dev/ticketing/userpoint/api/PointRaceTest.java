package dev.ticketing.userpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many requests at the same instant against one user, over real HTTP into the real database: no update is lost, no
 * debit overdraws, and one idempotency key is applied once. Default limits (1,000,000 per charge, 100,000,000
 * balance).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PointRaceTest {

    record Reply(int status, JsonNode body, String raw) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestUsers users;
    HttpClient http;

    @BeforeEach
    void setUp() {
        users = new TestUsers(jdbc);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void hundredConcurrentChargesAndDebitsOfOneUserLoseNoUpdateAndNeverOverdraw() {
        long start = 1_000;
        long user = users.create(start);
        // 50 charges of 10..990 (25,000 in all) race 50 debits of 900 (45,000): some debits must be refused.
        List<Race.Outcome<Reply>> outcomes = Race.run(100, i -> () -> i % 2 == 0
                ? charge(user, 10L * (i + 1), null)
                : debit(user, 900, "race-" + i));

        long applied = 0;
        int appliedDebits = 0;
        int refusedDebits = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Reply reply = outcomes.get(i).value();
            assertThat(outcomes.get(i).failure()).isNull();
            if (i % 2 == 0) {
                assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
                applied += 10L * (i + 1);
            } else if (reply.status() == 200) {
                appliedDebits++;
                applied -= 900;
            } else {
                assertThat(reply.status()).as(reply.raw()).isEqualTo(409);
                assertThat(reply.body().get("code").asString()).isEqualTo("INSUFFICIENT_BALANCE");
                refusedDebits++;
            }
        }
        assertThat(appliedDebits).as("debits applied").isPositive();
        assertThat(refusedDebits).as("debits refused").isPositive();

        long balance = users.balance(user);
        assertThat(balance).isEqualTo(start + applied).isNotNegative();
        assertThat(users.ledgerSum(user)).isEqualTo(balance);
        List<TestUsers.LedgerRow> ledger = users.ledger(user);
        assertThat(ledger).hasSize(1 + 50 + appliedDebits);
        long running = 0;
        for (TestUsers.LedgerRow row : ledger) {
            running += row.type().signed(row.amount());
            assertThat(row.balanceAfter()).as("balance after transaction %d", row.id()).isEqualTo(running)
                    .isNotNegative();
        }
    }

    @Test
    void twentyConcurrentDebitsWithOneKeyDebitOnceAndAllAnswerTheSame() {
        long user = users.create(10_000);

        List<Race.Outcome<Reply>> outcomes = Race.run(20, i -> () -> debit(user, 1_000, "payment-77"));

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.value().status()).as(outcome.value().raw()).isEqualTo(200);
        });
        assertThat(outcomes.stream().map(outcome -> outcome.value().body()).distinct()).hasSize(1);
        assertThat(outcomes.getFirst().value().body().get("balance").asLong()).isEqualTo(9_000);
        assertThat(users.balance(user)).isEqualTo(9_000);
        assertThat(users.ledger(user)).hasSize(2);
    }

    @Test
    void twentyConcurrentDebitsWithOneKeyThatCannotBePaidAllAnswerInsufficientBalance() {
        long user = users.create(100);

        List<Race.Outcome<Reply>> outcomes = Race.run(20, i -> () -> debit(user, 1_000, "payment-78"));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value().status()).isEqualTo(409));
        assertThat(outcomes.stream().map(outcome -> outcome.value().raw()).distinct()).hasSize(1);
        assertThat(users.balance(user)).isEqualTo(100);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void twentyConcurrentChargesWithOneKeyChargeOnce() {
        long user = users.create(0);

        List<Race.Outcome<Reply>> outcomes = Race.run(20, i -> () -> charge(user, 5_000, "click-9"));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value().status()).isEqualTo(200));
        assertThat(outcomes.stream().map(outcome -> outcome.value().body()).distinct()).hasSize(1);
        assertThat(users.balance(user)).isEqualTo(5_000);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void concurrentChargesNeverTakeTheBalanceOverTheMaximum() {
        long user = users.create(99_000_000);

        List<Race.Outcome<Reply>> outcomes = Race.run(20, i -> () -> charge(user, 100_000, null));

        assertThat(outcomes.stream().filter(outcome -> outcome.value().status() == 200)).hasSize(10);
        assertThat(outcomes.stream().filter(outcome -> outcome.value().status() == 400))
                .hasSize(10)
                .allSatisfy(outcome -> assertThat(outcome.value().body().get("code").asString())
                        .isEqualTo("AMOUNT_NOT_CHARGEABLE"));
        assertThat(users.balance(user)).isEqualTo(100_000_000);
        assertThat(users.ledgerSum(user)).isEqualTo(100_000_000);
    }

    @Test
    void concurrentDebitsAndRefundsWithDistinctKeysAreEachAppliedOnce() {
        long user = users.create(50_000);

        // 25 payments each debited and refunded, every request sent twice, all at once.
        List<Race.Outcome<Reply>> outcomes = Race.run(100, i -> () -> {
            int payment = i % 25;
            return (i / 25) % 2 == 0 ? debit(user, 1_000, "pay-" + payment) : refund(user, 1_000, "pay-" + payment);
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value().status()).as(outcome.value().raw())
                .isEqualTo(200));
        assertThat(users.balance(user)).isEqualTo(50_000);
        assertThat(users.ledger(user)).hasSize(1 + 25 + 25);
        assertThat(users.ledgerSum(user)).isEqualTo(50_000);
    }

    private Reply charge(long user, long amount, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/points/charges"))
                .header("X-User-Id", Long.toString(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": " + amount + "}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request.build());
    }

    private Reply debit(long user, long amount, String key) throws Exception {
        return change("debits", user, amount, key);
    }

    private Reply refund(long user, long amount, String key) throws Exception {
        return change("refunds", user, amount, key);
    }

    private Reply change(String kind, long user, long amount, String key) throws Exception {
        return send(HttpRequest.newBuilder(uri("/internal/points/" + kind))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"userId\": %d, \"amount\": %d, \"idempotencyKey\": \"%s\"}".formatted(user, amount, key)))
                .build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
