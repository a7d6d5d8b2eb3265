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
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scheduled opening of one concert's room (issue 16): {@code users} people log in ahead (within
 * {@code loginSeconds}; users beyond the data set's {@code lastUser} sign up first), then the operator schedules the
 * room's opening {@code joinSeconds + openAfterSeconds} ahead, and everyone joins the room one after another within
 * {@code joinSeconds}: all of them {@code PRE_QUEUE}. At {@code opensAt} queue-service draws the pre-queue in one
 * seeded shuffle; the users poll as the room tells them ({@code refreshAfterSeconds}, and, as the booking page does,
 * 1 to 4 s after the opening rather than all at the same second), and once admitted list the concert's dates and
 * seats, hold a seat, charge and pay. Users who find nothing left to buy leave.
 *
 * <p>Measured besides Gatling's per-step figures: how many joined pre-queued, whether anyone was admitted before
 * {@code opensAt} (must be none), the room's figures every 5 s from the operator's view (admissions over time), the
 * published draw (seed, drawn = the pre-queued), and Spearman's rho between join order and the order of admission
 * (close to 0: a draw, not first come, first served). After the run the stores are audited ({@code ConsistencyCheck},
 * as after {@link TicketOpeningSimulation}); the run fails when the audit does, when anyone was admitted early, or
 * when 1 % or more of the requests failed.
 *
 * <p>{@code ./bin/load-test --scheduled [users] [joinSeconds]} restarts the system on fresh data and runs it; against
 * any running system whose room {@code concertId} has never opened: {@code ./mvnw -pl load-tests gatling:test
 * -Dgatling.simulationClass=dev.ticketing.load.ScheduledOpeningSimulation -Dusers=2000 -DjoinSeconds=60}
 */
public class ScheduledOpeningSimulation extends Simulation {

    private static final String BASE_URL = System.getProperty("gatewayUrl", "http://127.0.0.1:8080");
    private static final String QUEUE_URL = System.getProperty("queueUrl", "http://127.0.0.1:8081");
    private static final int USERS = Integer.getInteger("users", 2000);
    private static final int JOIN_SECONDS = Integer.getInteger("joinSeconds", 60);
    /** The opening comes this long after the last planned join. */
    private static final int OPEN_AFTER_SECONDS = Integer.getInteger("openAfterSeconds", 10);
    private static final int LOGIN_SECONDS = Integer.getInteger("loginSeconds", 180);
    private static final long CONCERT = Long.getLong("concertId", 1);
    /** Demo users user1..user{lastUser} exist; the rest of the crowd signs up before logging in. */
    private static final long LAST_USER = Long.getLong("lastUser", 1000);
    private static final String DEMO_PASSWORD = System.getProperty("demoPassword", "demo-password");
    private static final String OPERATOR = System.getProperty("operator", "operator");
    private static final String OPERATOR_PASSWORD = System.getProperty("operatorPassword", "operator-password");
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private static final String JOIN_ROOM = "{\"concertId\":" + CONCERT + "}";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final GatewayRequests GATEWAY = new GatewayRequests(BASE_URL);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<Long, String> ACCESS_TOKENS = new ConcurrentHashMap<>();
    private static final Map<Long, Long> JOIN_ORDER = new ConcurrentHashMap<>();
    private static final Map<Long, Long> ADMITTED_AT = new ConcurrentHashMap<>();
    private static final AtomicLong joinSequence = new AtomicLong();
    private static final AtomicLong joinedPreQueued = new AtomicLong();
    private static final AtomicLong joinedOther = new AtomicLong();
    private static final AtomicLong admittedEarly = new AtomicLong();
    private static final AtomicLong loginsRefused = new AtomicLong();
    private static final AtomicLong loginRetries = new AtomicLong();
    private static final BookingSteps.Outcomes OUTCOMES = new BookingSteps.Outcomes();
    private static final List<String> roomSamples = new ArrayList<>();
    private static volatile Instant opensAt;
    private static volatile String operatorToken;
    private static ScheduledExecutorService sampler;
    private static AdmissionSampler admissions;

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections();

    private static String username(long id) {
        return id <= LAST_USER ? "user" + id : "so-" + RUN + "-" + id;
    }

    private static String password(long id) {
        return id <= LAST_USER ? DEMO_PASSWORD : "scheduled-opening-" + RUN;
    }

    private static java.util.Iterator<Map<String, Object>> crowd() {
        return IntStream.rangeClosed(1, USERS).mapToObj(id -> Map.<String, Object>of("userId", (long) id,
                "username", username(id), "password", password(id), "newUser", id > LAST_USER)).iterator();
    }

    /**
     * Logging in ahead is not what this run measures, and a login costs a password hash by design: a sign-up or login
     * turned away (503 from a busy user-point-service, 429) is asked again after 2 s, up to 30 times, as a client
     * honouring Retry-After would. Its requests are silent (not in the figures); the retries are counted.
     */
    private final ScenarioBuilder logInAhead = scenario("log in ahead")
            .feed(crowd())
            .doIf(session -> session.getBoolean("newUser")).then(
                    exec(session -> session.set("signUpStatus", 0).set("attempts", 0))
                    .asLongAs(session -> !List.of(201, 409).contains(session.getInt("signUpStatus"))
                            && session.getInt("attempts") < 30).on(
                            exec(http("0 sign up").post("/api/users")
                                    .body(StringBody("{\"username\":\"#{username}\",\"password\":\"#{password}\"}"))
                                    .check(status().saveAs("signUpStatus")).silent())
                            .exec(ScheduledOpeningSimulation::countAttempt)
                            .doIf(session -> !List.of(201, 409).contains(session.getInt("signUpStatus")))
                            .then(exec(session -> session).pause(Duration.ofSeconds(2)))))
            .exec(BookingSteps.logInPatiently(ACCESS_TOKENS, loginsRefused, loginRetries));

    private static Session countAttempt(Session session) {
        if (session.getInt("attempts") > 0) {
            loginRetries.incrementAndGet();
        }
        return session.set("attempts", session.getInt("attempts") + 1);
    }

    private final ScenarioBuilder schedule = scenario("the operator schedules the opening")
            .exec(session -> {
                scheduleOpening();
                return session;
            });

    /** As the booking page: poll when the room says, but 1 to 4 s after the opening at the latest. */
    private static Session nextPoll(Session session) {
        long refresh = session.contains("refreshAfter") ? session.getLong("refreshAfter") : 1;
        long millis = refresh * 1000;
        if ("PRE_QUEUE".equals(session.getString("queueStatus"))) {
            long untilOpening = Math.max(0, Duration.between(Instant.now(), opensAt).toMillis());
            millis = Math.min(millis, untilOpening + 1000 + ThreadLocalRandom.current().nextLong(3000));
        }
        return session.set("pauseMillis", Math.max(200, millis));
    }

    private static Session seen(Session session) {
        if ("ACTIVE".equals(session.getString("queueStatus"))) {
            long now = System.currentTimeMillis();
            if (now < opensAt.toEpochMilli()) {
                admittedEarly.incrementAndGet();
            }
            ADMITTED_AT.putIfAbsent(session.getLong("userId"), now);
            return nextPoll(BookingSteps.admissionOrWaitingToken(session));
        }
        return nextPoll(session);
    }

    private static Session pickAnySeat(Session session) {
        List<Object> seats = session.getList("seatIds");
        return session.set("seatId", seats.get(ThreadLocalRandom.current().nextInt(seats.size())));
    }

    private final ScenarioBuilder opening = scenario("scheduled opening")
            .feed(IntStream.rangeClosed(1, USERS).mapToObj(id -> Map.<String, Object>of("userId", (long) id))
                    .iterator())
            .exitHereIf(session -> !ACCESS_TOKENS.containsKey(session.getLong("userId")))
            .exec(session -> session.set("concertId", CONCERT)
                    .set("accessToken", ACCESS_TOKENS.get(session.getLong("userId"))))
            .exec(http("1 join the room").post("/api/queue/tokens").header("Authorization", "Bearer #{accessToken}")
                    .body(StringBody(JOIN_ROOM))
                    .check(status().in(200, 201), jsonPath("$.token").saveAs("token"),
                            jsonPath("$.status").saveAs("queueStatus"),
                            jsonPath("$.refreshAfterSeconds").ofLong().optional().saveAs("refreshAfter"),
                            jsonPath("$.admissionToken").optional().saveAs("admissionToken")))
            .exitHereIfFailed()
            .exec(session -> {
                JOIN_ORDER.put(session.getLong("userId"), joinSequence.incrementAndGet());
                ("PRE_QUEUE".equals(session.getString("queueStatus")) ? joinedPreQueued : joinedOther)
                        .incrementAndGet();
                return seen(session);
            })
            .asLongAsDuring(session -> !"ACTIVE".equals(session.getString("queueStatus")), Duration.ofMinutes(15))
            .on(exec(session -> session).pause(session -> Duration.ofMillis(session.getLong("pauseMillis")))
                    .exec(http("2 poll (pre-queue)").get("/api/queue/tokens/me").headers(BookingSteps.WAITING)
                            .check(status().is(200), jsonPath("$.status").saveAs("queueStatus"),
                                    jsonPath("$.refreshAfterSeconds").ofLong().optional().saveAs("refreshAfter"),
                                    jsonPath("$.admissionToken").optional().saveAs("admissionToken")))
                    .exitHereIfFailed()
                    .exec(ScheduledOpeningSimulation::seen))
            .exec(BookingSteps.book(BookingSteps::firstDate, ScheduledOpeningSimulation::pickAnySeat, OUTCOMES));

    {
        var run = logInAhead.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(LOGIN_SECONDS)))
                .andThen(schedule.injectOpen(atOnceUsers(1))
                        .andThen(opening.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(JOIN_SECONDS)))));
        setUp(run).protocols(protocol).assertions(global().failedRequests().percent().lt(1.0));
    }

    /** The operator's login and {@code PUT /api/ops/rooms/{id}/opens-at}, once the crowd has logged in. */
    private static void scheduleOpening() {
        try {
            operatorToken = GATEWAY.operatorToken(OPERATOR, OPERATOR_PASSWORD);
            Instant at = Instant.now().plusSeconds(JOIN_SECONDS + OPEN_AFTER_SECONDS).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS);
            String entry = send("PUT", "/api/ops/rooms/" + CONCERT + "/opens-at", operatorToken,
                    "{\"opensAt\":\"" + at + "\"}");
            if (!"SET_OPENS_AT".equals(field(entry, "action"))) {
                throw new IllegalStateException("the opening was not scheduled: " + entry);
            }
            opensAt = at;
            System.out.printf("%nThe operator scheduled concert %d's opening at %s%n", CONCERT, at);
            sampler.scheduleAtFixedRate(ScheduledOpeningSimulation::sampleRoom, 0, SAMPLE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Scheduling the opening failed", e);
        }
    }

    /** The operator's view of the room, one line per sample: time from the opening, and its figures. */
    private static void sampleRoom() {
        try {
            String room = send("GET", "/api/ops/rooms/" + CONCERT, operatorToken, null);
            long t = Duration.between(opensAt, Instant.now()).toSeconds();
            String line = "%+5d s  %-9s pre-queued %5s  waiting %5s  active %4s  admitted last minute %5s"
                    .formatted(t, field(room, "status"), field(room, "preQueued"), field(room, "waiting"),
                            field(room, "active"), field(room, "admittedLastMinute"));
            synchronized (roomSamples) {
                roomSamples.add(line);
            }
        } catch (Exception missed) {
            // a missed sample is a gap in the table, not a failure of the run
        }
    }

    private static String send(String method, String path, String bearer, String body) {
        return GATEWAY.exchange(method, path, bearer, null, body).body();
    }

    /** One top-level field of a JSON object as text, or "-" when the answer lacks it (a problem body, an error). */
    private static String field(String json, String name) {
        JsonNode value = JSON.readTree(json).get(name);
        return value == null || value.isNull() ? "-" : value.asString();
    }

    @Override
    public void before() {
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "room-sampler");
            thread.setDaemon(true);
            return thread;
        });
        admissions = new AdmissionSampler(QUEUE_URL, Duration.ofMillis(500));
    }

    @Override
    public void after() {
        sampler.shutdownNow();
        admissions.close();
        String room;
        try {
            room = send("GET", "/api/rooms/" + CONCERT, operatorToken, null);
        } catch (Exception e) {
            room = "unreadable: " + e;
        }
        System.out.printf("""

                Scheduled opening of concert %d's room: %d users logged in ahead, ramped over %d s (%d refused, \
                %d sign-up/login retries after a 503/429), joined within %d s, opening %s
                  joined pre-queued ... %d (joined otherwise: %d)
                  admitted ............ %d; before the opening: %d
                  the room now ........ %s
                  admission ticks ..... %s
                  join order vs order of admission: Spearman rho %.3f over %d users (FIFO would be close to 1)
                  holds won / refused . %d / %d; found no date with seats: %d
                  payments completed .. %d
                  the room every %d s (operator's view, time from the opening):
                %s
                %n""", CONCERT, ACCESS_TOKENS.size(), LOGIN_SECONDS, loginsRefused.get(), loginRetries.get(),
                JOIN_SECONDS, opensAt,
                joinedPreQueued.get(), joinedOther.get(), ADMITTED_AT.size(), admittedEarly.get(), room,
                admissions.summary(), spearman(), ADMITTED_AT.size(), OUTCOMES.holdsWon().get(),
                OUTCOMES.holdsRefused().get(), OUTCOMES.soldOut().get(), OUTCOMES.paymentsCompleted().get(),
                SAMPLE_EVERY.toSeconds(),
                String.join("\n", roomSamples).indent(4).stripTrailing());
        ConsistencyCheck.Report report = ConsistencyCheck.settled(Duration.ofSeconds(60));
        System.out.println(report);
        if (!report.consistent()) {
            throw new IllegalStateException("Consistency check failed after the load run: " + report.violations());
        }
        if (opensAt == null) {
            throw new IllegalStateException("The opening was never scheduled: this run measured no scheduled opening");
        }
        if (loginsRefused.get() * 100 >= USERS) {
            throw new IllegalStateException(loginsRefused.get() + " of " + USERS + " users could not log in within 30"
                    + " tries: the crowd never reached the room");
        }
        if (admittedEarly.get() > 0) {
            throw new IllegalStateException(admittedEarly.get() + " users were admitted before the opening");
        }
    }

    /**
     * Spearman's rho between join order and the moment each user saw the admission (ties, users admitted by the same
     * round and seen by the same poll, get their average rank).
     */
    private static double spearman() {
        List<Long> users = new ArrayList<>(ADMITTED_AT.keySet());
        users.removeIf(user -> !JOIN_ORDER.containsKey(user));
        int n = users.size();
        if (n < 3) {
            return Double.NaN;
        }
        Map<Long, Double> joinRank = ranks(users, JOIN_ORDER);
        Map<Long, Double> admitRank = ranks(users, ADMITTED_AT);
        double meanRank = (n + 1) / 2.0;
        double cov = 0;
        double varJoin = 0;
        double varAdmit = 0;
        for (Long user : users) {
            double a = joinRank.get(user) - meanRank;
            double b = admitRank.get(user) - meanRank;
            cov += a * b;
            varJoin += a * a;
            varAdmit += b * b;
        }
        return cov / Math.sqrt(varJoin * varAdmit);
    }

    private static Map<Long, Double> ranks(List<Long> users, Map<Long, Long> values) {
        List<Long> sorted = new ArrayList<>(users);
        sorted.sort(Comparator.comparing(values::get));
        Map<Long, Double> ranks = new TreeMap<>();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && values.get(sorted.get(j + 1)).equals(values.get(sorted.get(i)))) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks.put(sorted.get(k), rank);
            }
            i = j + 1;
        }
        return ranks;
    }
}
