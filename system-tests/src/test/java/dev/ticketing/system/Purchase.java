package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static dev.ticketing.system.Gateway.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.system.Gateway.Response;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One user's way to the point of paying: admitted, a seat held, the price charged. Used by the drills. */
record Purchase(long userId, String token, long[] concertAndDate, long seatId, long reservationId, long price,
        long balanceBeforeCharge, long debitsOfPriceBefore) {

    /** Holds the {@code index}-th available seat of the first date with seats for a newly admitted demo user. */
    static Purchase prepare(int index) {
        long user = DemoUsers.next();
        String token = Gateway.activeToken(user);
        long[] concertAndDate = new long[2];
        List<JsonNode> seats = Gateway.availableSeats(token, concertAndDate);
        for (int attempt = 0; attempt < seats.size(); attempt++) {
            JsonNode seat = seats.get((index + attempt) % seats.size());
            Response held = post("/api/reservations", token, """
                    {"concertId":%d,"dateId":%d,"seatId":%d}""".formatted(concertAndDate[0], concertAndDate[1],
                    seat.get("seatId").asLong()));
            if (held.status() == 201) {
                long price = held.number("price");
                long balance = get("/api/points", token).number("balance");
                long debitsBefore = debitsOfPrice(token, price);
                assertThat(post("/api/points/charges", token, "{\"amount\":" + price + "}").status()).isEqualTo(200);
                return new Purchase(user, token, concertAndDate, seat.get("seatId").asLong(),
                        held.number("reservationId"), price, balance, debitsBefore);
            }
            assertThat(held.code()).as("%s", held).isEqualTo("SEAT_NOT_AVAILABLE"); // taken by a concurrent drill user
        }
        throw new AssertionError("No seat could be held");
    }

    /**
     * The debits of this purchase's price recorded since it was prepared (through a fresh token: the old one is used
     * up). Counted from the baseline taken before paying, because a machine that ran ./bin/run or the load test keeps
     * its data, and a demo user may have bought a seat of the same price before.
     */
    long debitsOfThisPurchase(String anyValidToken) {
        return debitsOfPrice(anyValidToken, price) - debitsOfPriceBefore;
    }

    private static long debitsOfPrice(String token, long price) {
        JsonNode items = get("/api/points/history?size=100", token).body().get("items");
        return items.valueStream().filter(item -> "DEBIT".equals(item.get("type").asString())
                && item.get("amount").asLong() == price).count();
    }
}
