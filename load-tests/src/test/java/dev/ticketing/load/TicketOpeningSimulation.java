package dev.ticketing.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.ticketing.system.ConsistencyCheck;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Ticket-opening day: {@code users} people log in before the opening (within {@code loginSeconds}, as on a real sale
 * day, where people sign in ahead and wait for the sale to start), then arrive within {@code arrivalSeconds}, take
 * queue tokens (the gateway takes the user from the access token), poll their position
 * until admitted, browse dates and seats, try to hold one of the few best seats (many want the same ones), charge and
 * pay. After the run the stores are audited: no seat sold twice, every debit a sale or a refund, no more active tokens
 * than capacity. The audit is part of the output and fails the run when violated.
 *
 * <p>The users are {@code user<firstUser>} .. {@code user<lastUser>} (default the demo users 1..1000): the opening's
 * come from the range's start, the warm-up's are its last {@code warmUpUsers}. A crowd larger than the demo users runs
 * on the load-test data set (profile loadtest: users 2001..5100, 3,150 seats on concert 1 over 63 dates), where
 * bin/load-test also lets each user book on any date with seats ({@code anyDate}, {@code hotSeats=50}) and poll as
 * the waiting room says ({@code pollAsTold}), as the booking page does.
 *
 * <p>Run against ./bin/load-test (it starts the system with the benchmark profile), or any running system:
 * {@code ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=dev.ticketing.load.TicketOpeningSimulation
 * -Dusers=400 -DarrivalSeconds=10}
 */
public class TicketOpeningSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("gatewayUrl", "http://127.0.0.1:8080");
    /** queue-service itself, for its admission counters (not a route of the gateway) */
    private static final String QUEUE_URL = System.getProperty("queueUrl", "http://127.0.0.1:8081");
    /** half of ./bin/load-test's admission interval (1 s), so that most samples see one tick */
    private static final Duration ADMISSION_SAMPLE = Duration.ofMillis(Long.getLong("admissionSampleMillis", 500));
    private static final int USERS = Integer.getInteger("users", 400);
    private static final int ARRIVAL_SECONDS = Integer.getInteger("arrivalSeconds", 10);
    /**
     * The logins before the opening are spread over this time (a password hash costs tens of milliseconds of CPU by
     * design, on the same two cores as the rest); "0 log in" in Gatling's report is what one costs under this load.
     */
    private static final int LOGIN_SECONDS = Integer.getInteger("loginSeconds", 20);
    private static final String DEMO_PASSWORD = System.getProperty("demoPassword", "demo-password");
    /** The concert on sale: everyone joins its waiting room, and its admission admits to it only (WRONG_ROOM else). */
    private static final long CONCERT = Long.getLong("concertId", 1);
    private static final String JOIN_ROOM = "{\"concertId\":" + CONCERT + "}";
    private static final Duration POLL = Duration.ofMillis(Long.getLong("pollMillis", 1000));
    /**
     * true: a waiting user asks again when the answer's {@code refreshAfterSeconds} says (1 s near the front, up to
     * 60 s far back), as the booking page does; false: every {@code pollMillis}, whatever the answer says. A crowd of
     * thousands polling every second would be thousands of requests per second on a box of two cores.
     */
    private static final boolean POLL_AS_TOLD = Boolean.getBoolean("pollAsTold");
    /** A user who is not admitted within this time gives up (the poll loop ends, the booking then fails). */
    private static final Duration MAX_WAIT = Duration.ofMinutes(Integer.getInteger("maxWaitMinutes", 5));
    private static final int HOT_SEATS = Integer.getInteger("hotSeats", 8);
    /**
     * false: everyone books on the first date with seats left; true: on one of the dates with seats left, at random
     * (a tour of many dates, the load-test data set's concert 1), so that holds go on all through a large run.
     */
    private static final boolean ANY_DATE = Boolean.getBoolean("anyDate");
    /**
     * Before the opening, a few users browse for {@code warmUpSeconds} (no holds, no payments), so that the opening is
     * measured against services that have served traffic before, as on a real opening day, not against JVMs that
     * compile their first requests. 0 skips it.
     */
    private static final int WARM_UP_USERS = Integer.getInteger("warmUpUsers", 20);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmUpSeconds", 30));
    /**
     * The users of the run, user{@code FIRST_USER} .. user{@code LAST_USER} (password {@code demoPassword}): the
     * warm-up's are the last ones, the opening's come from the ones before.
     */
    private static final long FIRST_USER = Long.getLong("firstUser", 1);
    private static final long LAST_USER = Long.getLong("lastUser", 1000);

    private static final BookingSteps.Outcomes OUTCOMES = new BookingSteps.Outcomes();
    private static final AtomicLong admitted = new AtomicLong();
    private static final AtomicLong waitMillisTotal = new AtomicLong();
    private static final AtomicLong loginsRefused = new AtomicLong();
    private static final AtomicLong loginPhaseStarted = new AtomicLong();
    private static final AtomicLong loginPhaseEnded = new AtomicLong();
    /** The users of the opening, in arrival order: logged in first, then arriving in the same order. */
    private static final List<Long> OPENING_USERS = openingUsers();
    /** Their access tokens, from the login phase to the opening (Gatling sessions do not cross scenarios). */
    private static final Map<Long, String> ACCESS_TOKENS = new ConcurrentHashMap<>();
    private static AdmissionSampler admissions;

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections();

    private static List<Long> openingUsers() {
        long available = LAST_USER - WARM_UP_USERS - FIRST_USER + 1;
        if (USERS > available) {
            throw new IllegalArgumentException("users=" + USERS + " but users " + FIRST_USER + ".." + LAST_USER
                    + " leave only " + available + " for the opening besides " + WARM_UP_USERS + " warm-up users"
                    + " (a larger crowd: the load-test data set, see bin/load-test)");
        }
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(FIRST_USER, LAST_USER - WARM_UP_USERS).boxed()
                .toList());
        Collections.shuffle(ids);
        return List.copyOf(ids);
    }

    private static Iterator<Map<String, Object>> demoUsers() {
        return OPENING_USERS.stream().map(id -> Map.<String, Object>of("userId", id)).iterator();
    }

    /** {@code POST /api/auth/login} as demo user {@code user<userId>}, saving the access token in the session. */
    private static ChainBuilder logIn(String name, boolean silent) {
        HttpRequestActionBuilder login = http(name).post("/api/auth/login")
                .body(StringBody("{\"username\":\"user#{userId}\",\"password\":\"" + DEMO_PASSWORD + "\"}"))
                .check(status().is(200), jsonPath("$.accessToken").saveAs("accessToken"));
        return exec(silent ? login.silent() : login);
    }

    /** Before the opening: every user of the opening logs in once; the token waits for them in ACCESS_TOKENS. */
    private final ScenarioBuilder loginBeforeOpening = scenario("log in before the opening")
            .feed(demoUsers())
            .exec(session -> {
                loginPhaseStarted.compareAndSet(0, System.currentTimeMillis());
                return session;
            })
            .exec(logIn("0 log in", false))
            .exec(session -> {
                if (session.contains("accessToken")) {
                    ACCESS_TOKENS.put(session.getLong("userId"), session.getString("accessToken"));
                } else {
                    loginsRefused.incrementAndGet();
                }
                loginPhaseEnded.accumulateAndGet(System.currentTimeMillis(), Math::max);
                return session;
            });

    /** Requests of the warm-up are silent: they are not part of the figures or of the assertion. */
    private final ScenarioBuilder warmUp = scenario("warm-up")
            .feed(LongStream.rangeClosed(LAST_USER - WARM_UP_USERS + 1, LAST_USER)
                    .mapToObj(id -> Map.<String, Object>of("userId", id)).iterator())
            // a failed silent request let the warm-up go on without a token (seen in a run): check what it saved
            .exec(session -> session.set("concertId", CONCERT))
            .exec(logIn("warm-up: log in", true))
            .exitHereIf(session -> !session.contains("accessToken"))
            .exec(http("warm-up: take queue token").post("/api/queue/tokens")
                    .header("Authorization", "Bearer #{accessToken}").body(StringBody(JOIN_ROOM))
                    .check(status().in(200, 201), jsonPath("$.token").saveAs("token"),
                            jsonPath("$.status").saveAs("queueStatus"),
                            jsonPath("$.admissionToken").optional().saveAs("admissionToken"))
                    .silent())
            .exitHereIf(session -> !session.contains("token"))
            .asLongAsDuring(session -> !"ACTIVE".equals(session.getString("queueStatus")), Duration.ofMinutes(1))
            .on(exec(http("warm-up: poll position").get("/api/queue/tokens/me").headers(BookingSteps.WAITING)
                    .check(status().is(200), jsonPath("$.status").saveAs("queueStatus"),
                            jsonPath("$.admissionToken").optional().saveAs("admissionToken")).silent())
                    .pause(POLL))
            .exec(BookingSteps::admissionOrWaitingToken)
            .during(WARM_UP).on(
                    exec(http("warm-up: concerts").get("/api/concerts").headers(BookingSteps.ADMITTED)
                            .check(status().is(200)).silent())
                    .exec(http("warm-up: dates").get("/api/concerts/#{concertId}/dates")
                            .headers(BookingSteps.ADMITTED)
                            .check(status().is(200), jsonPath("$[0].dateId").saveAs("dateId")).silent())
                    .exec(http("warm-up: seats").get("/api/concerts/#{concertId}/dates/#{dateId}/seats")
                            .headers(BookingSteps.ADMITTED).check(status().is(200)).silent())
                    .exec(http("warm-up: points").get("/api/points").headers(BookingSteps.ADMITTED)
                            .check(status().is(200)).silent())
                    .pause(Duration.ofMillis(200)));

    private final ScenarioBuilder ticketOpening = scenario("ticket opening")
            .feed(demoUsers())
            // a user whose login failed before the opening is not at the opening (counted as refused logins)
            .exitHereIf(session -> !ACCESS_TOKENS.containsKey(session.getLong("userId")))
            .exec(session -> session.set("arrivedAt", System.currentTimeMillis()).set("concertId", CONCERT)
                    .set("accessToken", ACCESS_TOKENS.get(session.getLong("userId"))))
            .exec(http("1 take queue token").post("/api/queue/tokens")
                    .header("Authorization", "Bearer #{accessToken}").body(StringBody(JOIN_ROOM))
                    .check(status().in(200, 201), jsonPath("$.token").saveAs("token"),
                            jsonPath("$.status").saveAs("queueStatus"),
                            jsonPath("$.refreshAfterSeconds").ofLong().optional().saveAs("refreshAfter"),
                            jsonPath("$.admissionToken").optional().saveAs("admissionToken")))
            // a refused token (503 while a dependency is down, say) ends this user's visit; Gatling counts it as KO
            .exitHereIfFailed()
            .asLongAsDuring(session -> !"ACTIVE".equals(session.getString("queueStatus")), MAX_WAIT)
            .on(waitInLine())
            .exec(BookingSteps::admissionOrWaitingToken)
            .exec(session -> {
                admitted.incrementAndGet();
                waitMillisTotal.addAndGet(System.currentTimeMillis() - session.getLong("arrivedAt"));
                return session;
            })
            .exec(http("3 concerts").get("/api/concerts").headers(BookingSteps.ADMITTED).check(status().is(200)))
            .exitHereIfFailed()
            .exec(BookingSteps.book(ANY_DATE ? BookingSteps::anyDate : BookingSteps::firstDate,
                    TicketOpeningSimulation::pickHotSeat, OUTCOMES));

    /** One round of waiting: a poll, then {@code pollMillis}; or with {@code pollAsTold} the told wait, then a poll. */
    private static ChainBuilder waitInLine() {
        ChainBuilder poll = exec(http("2 poll position").get("/api/queue/tokens/me").headers(BookingSteps.WAITING)
                .check(status().is(200), jsonPath("$.status").saveAs("queueStatus"),
                        jsonPath("$.refreshAfterSeconds").ofLong().optional().saveAs("refreshAfter"),
                        jsonPath("$.admissionToken").optional().saveAs("admissionToken")))
                .exitHereIfFailed();
        return POLL_AS_TOLD ? exec(session -> session).pause(session -> session.contains("refreshAfter")
                ? Duration.ofSeconds(session.getLong("refreshAfter")) : POLL).exec(poll)
                : poll.pause(POLL);
    }

    private static Session pickHotSeat(Session session) {
        List<Object> seats = session.getList("seatIds");
        int pick = ThreadLocalRandom.current().nextInt(Math.min(HOT_SEATS, seats.size()));
        return session.set("seatId", seats.get(pick));
    }

    {
        // nested, because a.andThen(b).andThen(c) would start b and c together after a
        var opening = loginBeforeOpening.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(LOGIN_SECONDS)))
                .andThen(ticketOpening.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(ARRIVAL_SECONDS))));
        setUp(WARM_UP_USERS == 0 || WARM_UP.isZero() ? opening
                : warmUp.injectOpen(atOnceUsers(WARM_UP_USERS)).andThen(opening))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(1.0));
    }

    @Override
    public void before() {
        admissions = new AdmissionSampler(QUEUE_URL, ADMISSION_SAMPLE);
    }

    @Override
    public void after() {
        admissions.close();
        System.out.printf("""

                Ticket opening: %d users (of user%d..user%d) logged in within %d s, then arriving within %d s
                  logins before ....... %d ok, %d refused, in %.1f s ("0 log in" above: what one costs)
                  admitted ............ %d (mean wait in line %.1f s)
                  admission ticks ..... %s
                  holds won / refused . %d / %d on %s, one of the %d best seats; found no date with seats: %d
                  payments completed .. %d
                %n""", USERS, FIRST_USER, LAST_USER, LOGIN_SECONDS, ARRIVAL_SECONDS, ACCESS_TOKENS.size(),
                loginsRefused.get(), (loginPhaseEnded.get() - loginPhaseStarted.get()) / 1000.0, admitted.get(),
                admitted.get() == 0 ? 0 : waitMillisTotal.get() / 1000.0 / admitted.get(), admissions.summary(),
                OUTCOMES.holdsWon().get(), OUTCOMES.holdsRefused().get(),
                ANY_DATE ? "any date with seats" : "the first date with seats", HOT_SEATS, OUTCOMES.soldOut().get(),
                OUTCOMES.paymentsCompleted().get());
        ConsistencyCheck.Report report = ConsistencyCheck.settled(Duration.ofSeconds(60));
        System.out.println(report);
        if (!report.consistent()) {
            throw new IllegalStateException("Consistency check failed after the load run: " + report.violations());
        }
    }
}
