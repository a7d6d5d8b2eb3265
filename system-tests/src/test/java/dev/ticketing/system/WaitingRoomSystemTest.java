package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.system.Gateway.Response;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * More users than a waiting room admits: a room of its own (a concert id no other test uses), its capacity set to
 * {@value #CAPACITY} by the operator, and {@value #USERS} users who join one after the other. The oldest are admitted,
 * first come first served; the others wait at exact places in the order they came, learn an estimate, may read their
 * points, and cannot reach the booking routes.
 */
class WaitingRoomSystemTest {

    private static final int CAPACITY = 4;
    private static final int USERS = 10;

    @Test
    void theOldestAreAdmittedAndTheOthersWaitAtTheirPlaceInJoinOrder() {
        long room = System.currentTimeMillis();
        String operator = Accounts.login("operator", "operator-password").text("accessToken");
        Response capped = Gateway.sendAs(operator, "PATCH", "/api/ops/rooms/" + room,
                "{\"capacity\":" + CAPACITY + "}");
        assertThat(capped.status()).as("%s", capped).isEqualTo(200);
        List<Long> users = IntStream.range(0, USERS).mapToObj(i -> DemoUsers.next()).toList();
        users.forEach(Accounts::accessToken); // logged in beforehand, so the joins follow each other closely

        List<String> tokens = users.stream().map(user -> {
            Response joined = Gateway.joinRoom(user, room);
            assertThat(joined.status()).as("%s", joined).isIn(200, 201);
            return joined.text("token");
        }).toList();
        Gateway.awaitActive(tokens.get(CAPACITY - 1), Duration.ofSeconds(30));
        // more admission ticks (every second in ./bin/test) with the room full admit nobody else
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> "WAITING".equals(get("/api/queue/tokens/me", tokens.get(CAPACITY)).text("status")));

        List<Response> statuses = tokens.stream().map(token -> get("/api/queue/tokens/me", token)).toList();
        assertThat(statuses.subList(0, CAPACITY)).as("the %d oldest", CAPACITY)
                .allSatisfy(status -> assertThat(status.text("status")).as("%s", status).isEqualTo("ACTIVE"));
        List<Response> waiting = statuses.subList(CAPACITY, USERS);
        assertThat(waiting).allSatisfy(status -> assertThat(status.text("status")).as("%s", status)
                .isEqualTo("WAITING"));
        assertThat(waiting.stream().map(status -> status.number("position")).toList())
                .as("the places of the others, in the order they joined")
                .containsExactlyElementsOf(IntStream.range(0, USERS - CAPACITY).mapToObj(Long::valueOf).toList());
        assertThat(waiting).allSatisfy(status -> assertThat(status.body().get("estimatedWaitSeconds").asLong())
                .isNotNegative());

        String last = tokens.getLast();
        Response refused = get("/api/concerts/" + room + "/dates", last);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("TOKEN_WAITING");
        assertThat(refused.number("position")).isEqualTo(USERS - CAPACITY - 1);
        assertThat(refused.body().get("estimatedWaitSeconds")).isNotNull();
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        Response hold = Gateway.post("/api/reservations", last,
                "{\"concertId\":" + room + ",\"dateId\":1,\"seatId\":1}");
        assertThat(hold.code()).as("%s", hold).isEqualTo("TOKEN_WAITING");

        Response points = get("/api/points", last);
        assertThat(points.status()).as("points are open while waiting: %s", points).isEqualTo(200);
    }
}
