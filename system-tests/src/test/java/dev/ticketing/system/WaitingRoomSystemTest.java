package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.system.Gateway.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * More users than the waiting room admits (./bin/test runs the system with QUEUE_CAPACITY=100): the ones left
 * waiting learn their place and an estimate, may read and charge points, but cannot reach the booking routes.
 * Runs last, because it fills the waiting room.
 */
@Order(9)
class WaitingRoomSystemTest {

    @Test
    void usersBeyondCapacityWaitWithTheirPositionAndAreKeptOffBookingRoutes() throws Exception {
        List<String> tokens = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Response>> issued = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                long user = DemoUsers.next();
                issued.add(pool.submit(() -> Gateway.issueToken(user)));
            }
            for (Future<Response> response : issued) {
                assertThat(response.get().status()).isIn(200, 201);
                tokens.add(response.get().text("token"));
            }
        }
        Gateway.sleep(2500); // at least one admission tick with the waiting room full

        List<Response> waiting = tokens.stream().map(token -> get("/api/queue/tokens/me", token))
                .filter(status -> "WAITING".equals(status.text("status"))).toList();
        assertThat(waiting).as("capacity 100 leaves some of 150 waiting").isNotEmpty();
        List<Long> positions = waiting.stream().map(status -> status.number("position")).sorted().toList();
        assertThat(positions).doesNotHaveDuplicates().allMatch(position -> position >= 0);
        assertThat(waiting).allMatch(status -> status.body().get("estimatedWaitSeconds").asLong() >= 0);

        String waitingToken = waiting.getLast().text("token");
        Response refused = get("/api/concerts/1/dates", waitingToken);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("TOKEN_WAITING");
        assertThat(refused.body().get("position").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(refused.body().get("estimatedWaitSeconds")).isNotNull();
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(Gateway.post("/api/reservations", waitingToken, "{\"concertId\":1,\"dateId\":1,\"seatId\":1}")
                .code()).isEqualTo("TOKEN_WAITING");

        Response points = get("/api/points", waitingToken);
        assertThat(points.status()).as("points are open while waiting: %s", points).isEqualTo(200);
    }
}
