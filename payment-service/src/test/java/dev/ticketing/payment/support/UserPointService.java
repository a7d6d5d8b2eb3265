package dev.ticketing.payment.support;

import dev.ticketing.testsupport.ServiceProcess;
import dev.ticketing.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The real user-point-service, run from its exec jar with its own throw-away database and the demo users (1..1000,
 * 200,000 points each). Its public API is what the tests read balances and ledgers from.
 */
public final class UserPointService implements AutoCloseable {

    public static final long DEMO_BALANCE = 200_000;

    private final TestDatabase database = TestDatabase.create("payment-userpoint");
    private final int port;
    private ServiceProcess process;

    private UserPointService(int port) {
        this.port = port;
    }

    public static UserPointService start() {
        UserPointService service = new UserPointService(ServiceProcess.freePort());
        service.process = service.launch();
        return service;
    }

    private ServiceProcess launch() {
        return ServiceProcess.start("user-point-service", Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.user(),
                "spring.datasource.password", database.password(),
                "spring.profiles.active", "demo,mariadb"), port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Like a crashed pod: gone at once, mid-request if need be. */
    public void kill() {
        process.kill();
    }

    /** Back on the same port and database, as a restarted pod behind the same service address. */
    public void restart() {
        process = launch();
    }

    public long balance(long userId) {
        HttpApi.Response response = api().get("/api/points", userId);
        if (response.status() != 200) {
            throw new IllegalStateException("Balance of user " + userId + ": " + response);
        }
        return response.body().path("balance").asLong();
    }

    public void charge(long userId, long amount) {
        HttpApi.Response response = api().post("/api/points/charges", userId, "{\"amount\":" + amount + "}");
        if (response.status() != 200) {
            throw new IllegalStateException("Charge of user " + userId + ": " + response);
        }
    }

    /** The user's ledger entries of one type (CHARGE, DEBIT, REFUND), newest first. */
    public List<JsonNode> ledger(long userId, String type) {
        HttpApi.Response response = api().get("/api/points/history?page=0&size=100", userId);
        if (response.status() != 200) {
            throw new IllegalStateException("History of user " + userId + ": " + response);
        }
        return StreamSupport.stream(response.body().path("items").spliterator(), false)
                .filter(item -> type.equals(item.path("type").asString()))
                .toList();
    }

    private HttpApi api() {
        return new HttpApi(baseUrl());
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            database.close();
        }
    }
}
