package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static dev.ticketing.system.Gateway.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.system.Gateway.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed's flow, end to end, through the gateway only: token → admission → dates → seats → hold → charge → pay. */
class TicketingFlowSystemTest {

    @Test
    void aUserGoesFromQueueTokenToAPaidSeatAndTheTokenIsUsedUp() {
        long user = DemoUsers.next();

        Response issued = Gateway.issueToken(user);
        assertThat(issued.status()).as("%s", issued).isIn(200, 201);
        assertThat(issued.text("status")).isIn("WAITING", "ACTIVE");
        String token = issued.text("token");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22); // ≥ 128 random bits, URL-safe
        assertThat(Gateway.issueToken(user).text("token")).as("one live token per user").isEqualTo(token);
        Gateway.awaitActive(token, Duration.ofSeconds(60));
        assertThat(get("/api/queue/tokens/me", token).text("expiresAt")).isNotBlank();
        // the booking requests below carry the signed admission token, checked by the gateway alone
        assertThat(Gateway.admissionOf(token)).as("admission token of the ACTIVE answer").matches(
                "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        long[] concertAndDate = new long[2];
        List<JsonNode> seats = Gateway.availableSeats(token, concertAndDate);
        JsonNode seat = seats.get(ThreadLocalRandom.current().nextInt(seats.size()));
        long seatId = seat.get("seatId").asLong();
        long price = seat.get("price").asLong();

        Response hold = post("/api/reservations", token, """
                {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1], seatId));
        assertThat(hold.status()).as("%s", hold).isEqualTo(201);
        assertThat(hold.text("status")).isEqualTo("HELD");
        assertThat(hold.number("price")).isEqualTo(price);
        assertThat(hold.text("holdExpiresAt")).isNotBlank();
        long reservationId = hold.number("reservationId");
        assertThat(seatIds(get(seatsPath(concertAndDate), token))).doesNotContain(seatId);

        long balanceBefore = get("/api/points", token).number("balance");
        Response charged = post("/api/points/charges", token, "{\"amount\":" + price + "}");
        assertThat(charged.status()).as("%s", charged).isEqualTo(200);
        assertThat(charged.number("balance")).isEqualTo(balanceBefore + price);
        assertThat(get("/api/points", token).number("balance")).isEqualTo(balanceBefore + price);

        Response paid = Gateway.pay(token, reservationId);
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);
        assertThat(paid.text("status")).isEqualTo("COMPLETED");
        assertThat(paid.number("amount")).isEqualTo(price);

        // PaymentCompleted expires the token: the user's place goes to the next in line.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "TOKEN_EXPIRED".equals(get("/api/queue/tokens/me", token).code()));
        Response withExpiredToken = get("/api/concerts/1/dates", token);
        assertThat(withExpiredToken.status()).isEqualTo(401);
        assertThat(withExpiredToken.code()).isEqualTo("TOKEN_EXPIRED");

        // The seat is sold, as another user sees it on the seat map.
        String otherToken = Gateway.activeToken(DemoUsers.next());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                seatStatus(get(seatsPath(concertAndDate) + "?all=true", otherToken), seatId).equals("SOLD"));

        // Back in line with a new token: the reservation is confirmed and the balance is back where it started.
        String newToken = Gateway.activeToken(user);
        assertThat(newToken).isNotEqualTo(token);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "CONFIRMED".equals(get("/api/reservations/" + reservationId, newToken).text("status")));
        assertThat(get("/api/points", newToken).number("balance")).isEqualTo(balanceBefore);

        // Paying again answers the same payment and debits nothing.
        Response again = Gateway.pay(newToken, reservationId);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.number("paymentId")).isEqualTo(paid.number("paymentId"));
        assertThat(get("/api/points", newToken).number("balance")).isEqualTo(balanceBefore);
    }

    static String seatsPath(long[] concertAndDate) {
        return "/api/concerts/" + concertAndDate[0] + "/dates/" + concertAndDate[1] + "/seats";
    }

    static List<Long> seatIds(Response seats) {
        return seats.body().valueStream().map(s -> s.get("seatId").asLong()).toList();
    }

    static String seatStatus(Response allSeats, long seatId) {
        return allSeats.body().valueStream().filter(s -> s.get("seatId").asLong() == seatId)
                .map(s -> s.get("status").asString()).findFirst().orElse("MISSING");
    }
}
