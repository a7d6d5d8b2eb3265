package dev.ticketing.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.ticketing.system.ConsistencyCheck;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's goal as a benchmark: {@code users} users admitted to one concert's room send {@code attemptsPerUser}
 * holds each on the same free seat at once (1,000 by default, 100 × 10), and every answer must come within 2 s:
 * exactly one winner, every other answer 409 {@code SEAT_NOT_AVAILABLE}, no 5xx. (SeatStampedeSystemTest proves the
 * outcome on every test run; the time bound is measured here, on a system that runs nothing else.)
 *
 * <p>Before the stampede, silent (not in the figures or the assertions): the operator raises the room's capacity by
 * {@code users} so that all of them are admitted whoever else is in it; the users (demo users {@code firstUser}..,
 * 800 to 899 by default, the range the system tests keep for the stampede) log in within {@code loginSeconds}, then
 * join the room together and poll until admitted; one free seat of the concert is picked (the last one listed of its
 * last date with seats). Then all {@code users × attemptsPerUser} holds are injected at once, each on a connection of
 * its own as a thousand clients' requests would come, with the signed admission token, and are checked: status 2xx or
 * 409, and a 409's code {@code SEAT_NOT_AVAILABLE}. Assertions: no failed request, exactly that many requests, and
 * the slowest answer under 2,000 ms. {@code after()} counts the answers (exactly one winner, the rest refused as
 * taken, no 5xx and nothing else, or the run fails), cancels the winning hold, runs the consistency audit, and gives
 * the room its old capacity back once its admissions allow it (they end within one active lifetime: 60 s under
 * ./bin/load-test's settings, QUEUE_ACTIVE_TTL's 10 min under ./bin/run's), so the room never has more tokens ACTIVE
 * than its capacity.
 *
 * <p>Against a running system (./bin/run, or the benchmark settings of ./bin/load-test):
 * {@code ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=dev.ticketing.load.SeatStampedeSimulation}
 * (system properties {@code gatewayUrl}, {@code concertId} (2), {@code firstUser} (800), {@code users} (100),
 * {@code attemptsPerUser} (10), {@code loginSeconds} (20)). Figures go to docs/benchmarks.md.
 */
public class SeatStampedeSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("gatewayUrl", "http://127.0.0.1:8080");
    /** Concert 2: the other simulations use concert 1's room; concert 3's is kept for a scheduled opening. */
    private static final long CONCERT = Long.getLong("concertId", 2);
    private static final long FIRST_USER = Long.getLong("firstUser", 800);
    private static final int USERS = Integer.getInteger("users", 100);
    private static final int ATTEMPTS_PER_USER = Integer.getInteger("attemptsPerUser", 10);
    private static final int ATTEMPTS = USERS * ATTEMPTS_PER_USER;
    private static final int LOGIN_SECONDS = Integer.getInteger("loginSeconds", 20);
    private static final String DEMO_PASSWORD = System.getProperty("demoPassword", "demo-password");
    private static final String OPERATOR = System.getProperty("operator", "operator");
    private static final String OPERATOR_PASSWORD = System.getProperty("operatorPassword", "operator-password");
    private static final String JOIN_ROOM = "{\"concertId\":" + CONCERT + "}";
    /** What a hold may answer here; anything else fails the request. */
    private static final List<Integer> WON_OR_TAKEN = IntStream.concat(IntStream.range(200, 300), IntStream.of(409))
            .boxed().toList();
    private static final GatewayRequests GATEWAY = new GatewayRequests(BASE_URL);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<Long, String> ACCESS_TOKENS = new ConcurrentHashMap<>();
    private static final Map<Long, String> ADMISSION_TOKENS = new ConcurrentHashMap<>();
    private static final AtomicLong loginsRefused = new AtomicLong();
    private static final AtomicLong loginRetries = new AtomicLong();
    private static final AtomicLong notAdmitted = new AtomicLong();
    private static volatile long dateId;
    private static volatile long seatId;
    private static volatile boolean ready;
    private static volatile long capacityBefore = -1;

    private static final AtomicLong winners = new AtomicLong();
    private static final AtomicLong refusedAsTaken = new AtomicLong();
    private static final AtomicLong serverErrors = new AtomicLong();
    private static final Map<String, AtomicLong> otherAnswers = new ConcurrentHashMap<>();
    /** [userId, reservationId] of every hold that won, to cancel after the run. */
    private static final ConcurrentLinkedQueue<long[]> WINNING_HOLDS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong firstSentAt = new AtomicLong();
    private static final AtomicLong lastAnsweredAt = new AtomicLong();

    /** No shared connections: each virtual user's request comes on a connection of its own, as clients' would. */
    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json");

    private static java.util.Iterator<Map<String, Object>> theUsers() {
        return LongStream.range(FIRST_USER, FIRST_USER + USERS).mapToObj(id -> Map.<String, Object>of("userId", id))
                .iterator();
    }

    private final ScenarioBuilder logIn = scenario("log in")
            .feed(theUsers())
            .exec(session -> session.set("username", "user" + session.getLong("userId"))
                    .set("password", DEMO_PASSWORD))
            .exec(BookingSteps.logInPatiently(ACCESS_TOKENS, loginsRefused, loginRetries));

    /**
     * Everyone joins the room together, so every admission is young when the stampede starts; a 429 of the gateway's
     * issuance limit (./bin/run keeps it) is asked again when its Retry-After says.
     */
    private final ScenarioBuilder joinTheRoom = scenario("join the room")
            .feed(theUsers())
            .exitHereIf(session -> !ACCESS_TOKENS.containsKey(session.getLong("userId")))
            .exec(session -> session.set("accessToken", ACCESS_TOKENS.get(session.getLong("userId")))
                    .set("joinStatus", 0).set("attempts", 0))
            .asLongAs(session -> !List.of(200, 201).contains(session.getInt("joinStatus"))
                    && session.getInt("attempts") < 30).on(
                    exec(http("1 join the room").post("/api/queue/tokens")
                            .header("Authorization", "Bearer #{accessToken}").body(StringBody(JOIN_ROOM))
                            .check(status().saveAs("joinStatus"), jsonPath("$.token").optional().saveAs("token"),
                                    jsonPath("$.status").optional().saveAs("queueStatus"),
                                    jsonPath("$.admissionToken").optional().saveAs("admissionToken"),
                                    header("Retry-After").optional().saveAs("retryAfter")).silent())
                    .exec(session -> session.set("attempts", session.getInt("attempts") + 1))
                    .doIf(session -> !List.of(200, 201).contains(session.getInt("joinStatus")))
                    .then(exec(session -> session).pause(session -> Duration.ofSeconds(
                            session.contains("retryAfter") ? Long.parseLong(session.getString("retryAfter")) : 1))))
            .asLongAsDuring(session -> session.contains("token") && !"ACTIVE".equals(session.getString("queueStatus")),
                    Duration.ofSeconds(60)).on(
                    exec(session -> session).pause(Duration.ofMillis(500))
                    .exec(http("2 poll").get("/api/queue/tokens/me").headers(BookingSteps.WAITING)
                            .check(status().is(200), jsonPath("$.status").saveAs("queueStatus"),
                                    jsonPath("$.admissionToken").optional().saveAs("admissionToken")).silent()))
            .exec(session -> {
                if ("ACTIVE".equals(session.getString("queueStatus"))) {
                    ADMISSION_TOKENS.put(session.getLong("userId"),
                            BookingSteps.admissionOrWaitingToken(session).getString("admissionToken"));
                } else {
                    notAdmitted.incrementAndGet();
                }
                return session;
            });

    private final ScenarioBuilder pickTheSeat = scenario("pick the seat")
            .exec(session -> {
                pickTheSeat();
                return session;
            });

    private final ScenarioBuilder stampede = scenario("stampede")
            // interleaved: a user's attempts are spread over the whole crowd
            .feed(IntStream.range(0, ATTEMPTS).mapToObj(i -> Map.<String, Object>of("userId", FIRST_USER + i % USERS))
                    .iterator())
            .exitHereIf(session -> !ready)
            .exec(session -> {
                long userId = session.getLong("userId");
                firstSentAt.compareAndSet(0, System.currentTimeMillis());
                return session.set("concertId", CONCERT).set("dateId", dateId).set("seatId", seatId)
                        .set("accessToken", ACCESS_TOKENS.get(userId))
                        .set("admissionToken", ADMISSION_TOKENS.get(userId));
            })
            .exec(http("3 hold the seat").post("/api/reservations").headers(BookingSteps.ADMITTED)
                    .body(StringBody("{\"concertId\":#{concertId},\"dateId\":#{dateId},\"seatId\":#{seatId}}"))
                    .check(status().saveAs("holdStatus"), status().in(WON_OR_TAKEN),
                            jsonPath("$.code").optional().saveAs("code"),
                            jsonPath("$.reservationId").ofLong().optional().saveAs("reservationId"))
                    .checkIf((response, session) -> response.status().code() == 409)
                    .then(jsonPath("$.code").is("SEAT_NOT_AVAILABLE")))
            .exec(SeatStampedeSimulation::count);

    private static Session count(Session session) {
        lastAnsweredAt.accumulateAndGet(System.currentTimeMillis(), Math::max);
        int status = session.contains("holdStatus") ? session.getInt("holdStatus") : 0;
        String code = session.contains("code") ? session.getString("code") : null;
        if (status >= 200 && status < 300) {
            winners.incrementAndGet();
            WINNING_HOLDS.add(new long[] {session.getLong("userId"),
                    session.contains("reservationId") ? session.getLong("reservationId") : -1});
        } else if (status == 409 && "SEAT_NOT_AVAILABLE".equals(code)) {
            refusedAsTaken.incrementAndGet();
        } else {
            if (status >= 500) {
                serverErrors.incrementAndGet();
            }
            otherAnswers.computeIfAbsent(status == 0 ? "no answer" : status + " " + code, key -> new AtomicLong())
                    .incrementAndGet();
        }
        return session;
    }

    {
        // nested, because a.andThen(b).andThen(c) would start b and c together after a
        setUp(logIn.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(LOGIN_SECONDS)))
                .andThen(joinTheRoom.injectOpen(atOnceUsers(USERS))
                        .andThen(pickTheSeat.injectOpen(atOnceUsers(1))
                                .andThen(stampede.injectOpen(atOnceUsers(ATTEMPTS))))))
                .protocols(protocol)
                .assertions(global().allRequests().count().is((long) ATTEMPTS),
                        global().failedRequests().count().is(0L),
                        global().responseTime().max().lt(2000));
    }

    @Override
    public void before() {
        String operator = operatorToken();
        JsonNode room = JSON.readTree(send("GET", "/api/ops/rooms/" + CONCERT, operator, null, null));
        long capacity = room.get("capacity").asLong();
        long raised = Math.max(capacity, room.get("active").asLong() + room.get("waiting").asLong()) + USERS;
        send("PATCH", "/api/ops/rooms/" + CONCERT, operator, null, "{\"capacity\":" + raised + "}");
        capacityBefore = capacity;
        System.out.printf("%nSeat stampede: concert %d's room raised from capacity %d to %d for the run%n", CONCERT,
                capacity, raised);
    }

    /** The last seat listed of the concert's last date with seats, seen by the first admitted user. */
    private static void pickTheSeat() {
        if (ADMISSION_TOKENS.size() < USERS) {
            System.out.printf("%nSeat stampede: only %d of %d users admitted; no stampede%n", ADMISSION_TOKENS.size(),
                    USERS);
            return;
        }
        long userId = FIRST_USER;
        List<JsonNode> dates = JSON.readTree(send("GET", "/api/concerts/" + CONCERT + "/dates",
                ACCESS_TOKENS.get(userId), ADMISSION_TOKENS.get(userId), null)).valueStream()
                .filter(date -> date.get("availableSeats").asInt() > 0).toList();
        if (dates.isEmpty()) {
            System.out.printf("%nSeat stampede: concert %d has no free seat left; no stampede%n", CONCERT);
            return;
        }
        long date = dates.getLast().get("dateId").asLong();
        List<JsonNode> seats = JSON.readTree(send("GET", "/api/concerts/" + CONCERT + "/dates/" + date + "/seats",
                ACCESS_TOKENS.get(userId), ADMISSION_TOKENS.get(userId), null)).valueStream().toList();
        if (seats.isEmpty()) {
            System.out.printf("%nSeat stampede: date %d has no free seat left; no stampede%n", date);
            return;
        }
        dateId = date;
        seatId = seats.getLast().get("seatId").asLong();
        ready = true;
        System.out.printf("%nSeat stampede: %d users admitted; %d holds on seat %d of concert %d, date %d, at once%n",
                USERS, ATTEMPTS, seatId, CONCERT, dateId);
    }

    @Override
    public void after() {
        List<String> failures = new ArrayList<>();
        for (long[] hold : WINNING_HOLDS) {
            String cancelled = hold[1] < 0 ? "no reservationId" : cancel(hold[0], hold[1]);
            System.out.printf("Cancelled the winning hold %d of user %d: %s%n", hold[1], hold[0], cancelled);
        }
        Map<String, Long> others = new TreeMap<>();
        otherAnswers.forEach((answer, count) -> others.put(answer, count.get()));
        System.out.printf("""

                Seat stampede: %d users (%d logins refused, %d login retries, %d not admitted), %d holds on seat %d \
                of concert %d
                  winners ............... %d (expected 1)
                  409 SEAT_NOT_AVAILABLE  %d (expected %d)
                  5xx ................... %d
                  anything else ......... %s
                  first sent to last answer: %d ms
                %n""", USERS, loginsRefused.get(), loginRetries.get(), notAdmitted.get(), ATTEMPTS, seatId, CONCERT,
                winners.get(), refusedAsTaken.get(), ATTEMPTS - 1, serverErrors.get(), others,
                lastAnsweredAt.get() - firstSentAt.get());
        if (!ready) {
            failures.add("the stampede did not start (see above)");
        }
        if (winners.get() != 1) {
            failures.add(winners.get() + " winners");
        }
        if (refusedAsTaken.get() != ATTEMPTS - 1) {
            failures.add(refusedAsTaken.get() + " answers 409 SEAT_NOT_AVAILABLE of " + (ATTEMPTS - 1) + " expected");
        }
        if (serverErrors.get() > 0 || !others.isEmpty()) {
            failures.add(serverErrors.get() + " 5xx; other answers " + others);
        }
        ConsistencyCheck.Report report = ConsistencyCheck.settled(Duration.ofSeconds(60));
        System.out.println(report);
        if (!report.consistent()) {
            failures.add("consistency check: " + report.violations());
        }
        restoreTheRoom(failures);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Seat stampede failed: " + failures);
        }
    }

    // ---- the operator's and the winner's requests outside the measured run

    /** The winner cancels their hold ({@code DELETE /api/reservations/{id}}), as GroupHoldsSystemTest does. */
    private static String cancel(long userId, long reservationId) {
        try {
            HttpResponse<String> answer = GATEWAY.exchange("DELETE", "/api/reservations/" + reservationId,
                    ACCESS_TOKENS.get(userId), ADMISSION_TOKENS.get(userId), null);
            return answer.statusCode() + " " + answer.body();
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }

    /**
     * Gives the room its capacity back once it holds no more admissions than that (they end within one active
     * lifetime); lowering it earlier would leave more tokens ACTIVE than the capacity.
     */
    private static void restoreTheRoom(List<String> failures) {
        if (capacityBefore < 0) {
            return;
        }
        try {
            String operator = operatorToken();
            String path = "/api/ops/rooms/" + CONCERT;
            long activeTtl = JSON.readTree(send("GET", path, operator, null, null)).get("activeTtlSeconds")
                    .asLong();
            System.out.printf("Waiting for the room's admissions to end (at most %d s) to restore capacity %d%n",
                    activeTtl + 15, capacityBefore);
            long deadline = System.nanoTime() + Duration.ofSeconds(activeTtl + 15).toNanos();
            long active = JSON.readTree(send("GET", path, operator, null, null)).get("active").asLong();
            while (active > capacityBefore && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                active = JSON.readTree(send("GET", path, operator, null, null)).get("active").asLong();
            }
            if (active > capacityBefore) {
                failures.add("the room still has " + active + " admitted after one active lifetime");
            }
            send("PATCH", path, operator, null, "{\"capacity\":" + capacityBefore + "}");
            System.out.printf("Concert %d's room has capacity %d again%n", CONCERT, capacityBefore);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted before the room's capacity was restored");
        } catch (RuntimeException e) {
            failures.add("the room's capacity was not restored: " + e);
        }
    }

    private static String operatorToken() {
        return GATEWAY.operatorToken(OPERATOR, OPERATOR_PASSWORD);
    }

    /** The answer's body; anything but 2xx is an error here. */
    private static String send(String method, String path, String bearer, String queueToken,
            String body) {
        HttpResponse<String> answer = GATEWAY.exchange(method, path, bearer, queueToken, body);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }
}
