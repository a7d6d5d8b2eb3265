package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static dev.ticketing.system.Gateway.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.system.Gateway.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 through the gateway only: several seats in one hold, all or nothing, under contention; one user's parallel
 * group holds within the per-date limit; cancelling, and paying for what was cancelled. Every hold made here is
 * cancelled again, so the demo seats stay available for the tests after this one.
 */
class GroupHoldsSystemTest {

    /** Below the waiting room's capacity in ./bin/test (100), so every user here is admitted at once. */
    private static final int USERS = 40;
    private static final int POOL = 12;

    @Test
    void usersRacingForOverlappingGroupsGetWholeGroupsOrNothingAndNoSeatTwice() throws Exception {
        List<Long> users = IntStream.range(0, USERS).mapToObj(i -> DemoUsers.next()).toList();
        // logins and tokens one after the other (40 bcrypt logins at once make user-point answer 503); the race is the holds
        List<String> tokens = users.stream().map(user -> {
            Response issued = Gateway.issueToken(user);
            assertThat(issued.status()).as("%s", issued).isIn(200, 201);
            return issued.text("token");
        }).toList();
        tokens.forEach(token -> Gateway.awaitActive(token, java.time.Duration.ofSeconds(120)));
        long[] concertAndDate = new long[2];
        List<Long> pool = poolOfAvailableSeats(tokens.getFirst(), concertAndDate);
        List<List<Long>> wanted = IntStream.range(0, USERS).mapToObj(i -> {
            Random random = new Random(i);
            List<Long> shuffled = new ArrayList<>(pool);
            Collections.shuffle(shuffled, random);
            return List.copyOf(shuffled.subList(0, 2 + random.nextInt(3)));
        }).toList();

        List<Response> answers = inParallel(USERS, i -> hold(tokens.get(i), concertAndDate, wanted.get(i)));

        List<Long> held = new ArrayList<>();
        List<long[]> toCancel = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            Response answer = answers.get(i);
            if (answer.status() == 201) {
                List<Long> seats = seatIdsOf(answer.body().get("seats"));
                assertThat(seats).as("the whole group").containsExactlyInAnyOrderElementsOf(wanted.get(i));
                held.addAll(seats);
                toCancel.add(new long[] {i, answer.number("reservationId")});
            } else {
                assertThat(answer.status()).as("user %d: %s", users.get(i), answer).isEqualTo(409);
                assertThat(answer.code()).as("user %d: %s", users.get(i), answer).isEqualTo("SEAT_NOT_AVAILABLE");
                assertThat(seatIdsOf(answer.body().get("seatIds"))).isNotEmpty().isSubsetOf(wanted.get(i));
            }
        }
        assertThat(toCancel).as("some groups fit").isNotEmpty();
        assertThat(held).as("no seat in two live holds").doesNotHaveDuplicates();
        Set<Long> heldOnTheMap = seatsInState(tokens.getFirst(), concertAndDate, "HELD");
        assertThat(heldOnTheMap.stream().filter(pool::contains).collect(Collectors.toSet()))
                .as("the seats marked held are exactly the seats of the winning groups")
                .containsExactlyInAnyOrderElementsOf(held);

        for (long[] winner : toCancel) {
            Response cancelled = delete("/api/reservations/" + winner[1], tokens.get((int) winner[0]));
            assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
            assertThat(cancelled.text("releaseReason")).isEqualTo("CANCELLED");
        }
        assertThat(seatsInState(tokens.getFirst(), concertAndDate, "AVAILABLE")).containsAll(pool);
    }

    @Test
    void oneUserFiringTenParallelGroupHoldsNeverExceedsTheLimitOfTheDate() throws Exception {
        long user = DemoUsers.next();
        String token = Gateway.activeToken(user);
        long[] concertAndDate = new long[2];
        List<Long> pool = poolOfAvailableSeats(token, concertAndDate);
        int before = heldOrSold(token, concertAndDate[1]);

        List<Response> answers = inParallel(10, i -> hold(token, concertAndDate,
                List.of(pool.get(i % 6), pool.get((i + 1) % 6 + 6))));

        List<Response> created = answers.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(answers).filteredOn(answer -> answer.status() != 201)
                .allSatisfy(answer -> assertThat(answer.code()).as("%s", answer)
                        .isIn("SEAT_NOT_AVAILABLE", "HOLD_LIMIT_REACHED", "PURCHASE_LIMIT_REACHED"));
        assertThat(heldOrSold(token, concertAndDate[1])).as("held + sold of the date").isLessThanOrEqualTo(4)
                .isEqualTo(before + 2 * created.size());
        for (Response hold : created) {
            assertThat(delete("/api/reservations/" + hold.number("reservationId"), token).status()).isEqualTo(200);
        }
    }

    @Test
    void aCancelledHoldIsBookableAtOnceAndCannotBePaid() throws Exception {
        long holder = DemoUsers.next();
        String token = Gateway.activeToken(holder);
        String otherToken = Gateway.activeToken(DemoUsers.next());
        long[] concertAndDate = new long[2];
        List<Long> pool = poolOfAvailableSeats(token, concertAndDate);
        Response group = hold(token, concertAndDate, pool.subList(0, 2));
        assertThat(group.status()).as("%s", group).isEqualTo(201);
        long reservationId = group.number("reservationId");
        long balance = get("/api/points", token).number("balance");

        Response cancelled = delete("/api/reservations/" + reservationId, token);
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("RELEASED");
        Response taken = hold(otherToken, concertAndDate, List.of(pool.get(1)));
        assertThat(taken.status()).as("the seat is bookable by someone else at once: %s", taken).isEqualTo(201);

        Response again = delete("/api/reservations/" + reservationId, token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.raw()).as("cancelling twice answers the same").isEqualTo(cancelled.raw());
        assertThat(delete("/api/reservations/" + reservationId, otherToken).code()).isEqualTo("RESERVATION_NOT_FOUND");

        // payment-service learns of the cancel through SeatReleased (outbox → Kafka, milliseconds); then it refuses
        Gateway.sleep(3_000);
        Response paid = Gateway.pay(token, reservationId);
        assertThat(paid.status()).as("%s", paid).isEqualTo(409);
        assertThat(paid.code()).isEqualTo("HOLD_EXPIRED");
        assertThat(get("/api/points", token).number("balance")).isEqualTo(balance);

        Response mine = get("/api/reservations?status=RELEASED&size=100", token);
        assertThat(mine.status()).as("%s", mine).isEqualTo(200);
        assertThat(mine.body().get("items").valueStream().map(item -> item.get("reservationId").asLong()))
                .contains(reservationId);
        assertThat(delete("/api/reservations/" + taken.number("reservationId"), otherToken).status()).isEqualTo(200);
    }

    // ---- helpers

    private static Response hold(String token, long[] concertAndDate, List<Long> seatIds) {
        String ids = seatIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return post("/api/reservations", token, """
                {"concertId":%d,"dateId":%d,"seatIds":[%s]}""".formatted(concertAndDate[0], concertAndDate[1], ids));
    }

    private static Response delete(String path, String token) {
        return Gateway.send(Gateway.request(path, token).DELETE().build());
    }

    /** {@link #POOL} available seats of the first date that has that many. */
    private static List<Long> poolOfAvailableSeats(String token, long[] concertAndDate) {
        return Gateway.availableSeats(token, concertAndDate, POOL).stream().limit(POOL)
                .map(seat -> seat.get("seatId").asLong()).toList();
    }

    private static Set<Long> seatsInState(String token, long[] concertAndDate, String state) {
        return get("/api/concerts/" + concertAndDate[0] + "/dates/" + concertAndDate[1] + "/seats?all=true", token)
                .body().valueStream().filter(seat -> seat.get("status").asString().equals(state))
                .map(seat -> seat.get("seatId").asLong()).collect(Collectors.toCollection(HashSet::new));
    }

    /** The user's live held and bought seats of the date, from their own list. */
    private static int heldOrSold(String token, long dateId) {
        int seats = 0;
        for (int page = 0; ; page++) {
            JsonNode body = get("/api/reservations?size=100&page=" + page, token).body();
            for (JsonNode item : body.get("items")) {
                boolean live = item.get("status").asString().equals("CONFIRMED")
                        || item.get("status").asString().equals("HELD");
                if (item.get("dateId").asLong() == dateId && live) {
                    seats += item.get("seats").size();
                }
            }
            if ((page + 1) * 100L >= body.get("total").asLong()) {
                return seats;
            }
        }
    }

    private static List<Long> seatIdsOf(JsonNode seats) {
        List<Long> ids = new ArrayList<>();
        seats.forEach(seat -> ids.add(seat.isNumber() ? seat.asLong() : seat.get("seatId").asLong()));
        return ids;
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** All tasks start at the same instant, each on its own thread. */
    private static <T> List<T> inParallel(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> call = () -> {
                    go.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(3, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
