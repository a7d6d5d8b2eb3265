package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static dev.ticketing.system.Gateway.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.system.Gateway.Response;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every error branch of the seed, through the gateway, each a clear status with an RFC 9457 body and stable code. */
class ErrorBranchesSystemTest {

    @Test
    void unknownUserCannotLogInSoCannotTakeAQueueToken() {
        // the queue takes the user from the access token now: an unknown user is stopped at the login
        Response response = Gateway.issueToken(987_654_321L);

        assertProblem(response, 401, "INVALID_CREDENTIALS");
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        assertProblem(get("/api/concerts/1/dates", null), 401, "TOKEN_INVALID");
        assertProblem(get("/api/concerts/1/dates", "not-a-token"), 401, "TOKEN_INVALID");
        assertProblem(get("/api/points", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401, "TOKEN_INVALID");
        assertProblem(get("/api/queue/tokens/me", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401, "TOKEN_INVALID");
    }

    @Test
    void unknownConcertDateAndSeatAreNotFound() {
        String token = Gateway.activeToken(DemoUsers.next());
        long[] concertAndDate = new long[2];
        Gateway.availableSeats(token, concertAndDate);

        assertProblem(get("/api/concerts/987654321/dates", token), 404, "CONCERT_NOT_FOUND");
        assertProblem(get("/api/concerts/987654321/dates/" + concertAndDate[1] + "/seats", token), 404,
                "CONCERT_NOT_FOUND");
        assertProblem(get("/api/concerts/" + concertAndDate[0] + "/dates/987654321/seats", token), 404,
                "CONCERT_DATE_NOT_FOUND");
        assertProblem(post("/api/reservations", token, """
                {"concertId":%d,"dateId":%d,"seatId":987654321}""".formatted(concertAndDate[0], concertAndDate[1])),
                404, "SEAT_NOT_FOUND");
        assertProblem(get("/api/concerts/abc/dates", token), 400, "INVALID_REQUEST");
    }

    @Test
    void aHeldSeatCannotBeHeldByAnotherUserNorPaidByThem() {
        String holder = Gateway.activeToken(DemoUsers.next());
        String other = Gateway.activeToken(DemoUsers.next());
        long[] concertAndDate = new long[2];
        JsonNode seat = Gateway.availableSeats(holder, concertAndDate).getFirst();
        String body = """
                {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1],
                seat.get("seatId").asLong());
        Response held = post("/api/reservations", holder, body);
        assertThat(held.status()).as("%s", held).isEqualTo(201);
        long reservationId = held.number("reservationId");

        assertProblem(post("/api/reservations", other, body), 409, "SEAT_NOT_AVAILABLE");
        assertProblem(post("/api/reservations", holder, body), 409, "SEAT_NOT_AVAILABLE");
        assertProblem(Gateway.pay(other, reservationId), 403, "NOT_YOUR_HOLD");
        assertProblem(get("/api/reservations/" + reservationId, other), 404, "RESERVATION_NOT_FOUND");
        assertThat(get("/api/reservations/" + reservationId, holder).text("status")).isEqualTo("HELD");
    }

    @Test
    void paymentBeyondTheBalanceIsRefusedAndDebitsNothing() {
        long user = DemoUsers.next();
        String token = Gateway.activeToken(user);
        long[] concertAndDate = new long[2];
        List<JsonNode> byPrice = Gateway.availableSeats(token, concertAndDate).stream()
                .sorted(Comparator.comparingLong((JsonNode s) -> s.get("price").asLong()).reversed()).toList();
        long first = hold(token, concertAndDate, byPrice.get(0));
        long second = hold(token, concertAndDate, byPrice.get(1));
        long secondPrice = byPrice.get(1).get("price").asLong();

        // Spend down to less than the second seat's price, then pay the first seat (which uses up this token).
        long balance = get("/api/points", token).number("balance");
        long firstPrice = byPrice.get(0).get("price").asLong();
        long target = secondPrice - 1; // what must be left after the first payment
        if (balance - firstPrice < target) {
            post("/api/points/charges", token, "{\"amount\":" + (target - (balance - firstPrice)) + "}");
        }
        assertThat(Gateway.pay(token, first).status()).isEqualTo(201);
        // PaymentCompleted expires the paid-with token a moment later (an event); asking for a token before that would
        // hand back the same one, about to be refused
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/queue/tokens/me", token).status() == 401);
        String again = Gateway.activeToken(user);
        long before = get("/api/points", again).number("balance");

        // Demo users start with 200,000 points and seats cost up to 150,000: paying the dearest seat leaves less than
        // the next one costs. Balances only go down between runs (the flow test charges what it pays).
        assertThat(before).as("precondition: balance below the second seat's price").isLessThan(secondPrice);
        Response refused = Gateway.pay(again, second);

        assertProblem(refused, 409, "INSUFFICIENT_BALANCE");
        assertThat(get("/api/points", again).number("balance")).isEqualTo(before);
        assertThat(get("/api/reservations/" + second, again).text("status")).isEqualTo("HELD");
    }

    @Test
    void chargesOfBadAmountsAreRefusedAndChangeNothing() {
        String token = Gateway.activeToken(DemoUsers.next());
        long before = get("/api/points", token).number("balance");

        for (String amount : List.of("0", "-100", "1000000000000")) {
            assertProblem(post("/api/points/charges", token, "{\"amount\":" + amount + "}"), 400,
                    "AMOUNT_NOT_CHARGEABLE");
        }
        for (String body : List.of("{\"amount\":1.5}", "{\"amount\":\"100\"}", "{\"amount\":\"abc\"}", "{}",
                "{\"amount\":", "[]")) {
            Response refused = post("/api/points/charges", token, body);
            assertThat(refused.status()).as(body + " → " + refused).isEqualTo(400);
            assertThat(refused.body().get("code")).isNotNull();
        }
        assertThat(get("/api/points", token).number("balance")).isEqualTo(before);
    }

    private static long hold(String token, long[] concertAndDate, JsonNode seat) {
        Response held = post("/api/reservations", token, """
                {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1],
                seat.get("seatId").asLong()));
        assertThat(held.status()).as("%s", held).isEqualTo(201);
        return held.number("reservationId");
    }

    static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.code()).as("%s", response).isEqualTo(code);
        assertThat(response.body().get("type").asString()).startsWith("https://ticketing.dev/problems/");
        assertThat(response.body().get("title").asString()).isNotBlank();
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("detail")).isNotNull();
    }
}
