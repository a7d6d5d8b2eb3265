package dev.ticketing.load.gateway;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway costs. One phase after another, each at the same constant arrival rate, over shared keep-alive
 * connections (as an ingress would hold them):
 * <ol>
 *   <li>{@code gateway alone}: the gateway's own liveness probe, no routing: its HTTP server on this box;</li>
 *   <li>{@code bare route}: {@code GET /api/queue/tokens/me} without a token, routed without any gateway filter to
 *       queue-service, which refuses it before touching Redis: the physical limit of a routed request;</li>
 *   <li>{@code token status polling}: the same with a real token (routed, one Redis read at queue-service);</li>
 *   <li>{@code available seats via gateway}: token validated with queue-service, then concert-service reads MySQL;</li>
 *   <li>{@code available seats direct}: the same read straight at concert-service with {@code X-User-Id}, no
 *       gateway: the difference to phase 4 is what the gateway and its validation add.</li>
 * </ol>
 * Run against a running system (./bin/run):
 * {@code ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=dev.ticketing.load.gateway.GatewayOverheadSimulation
 * -Drate=400 -DphaseSeconds=20}. Raise {@code rate} until p99 climbs or requests fail: that is what this box sustains.
 * Tokens live for queue-service's active TTL (10 min by default): the run must end before they expire.
 */
public class GatewayOverheadSimulation extends Simulation {

    private static final String GATEWAY_URL = System.getProperty("gatewayUrl", "http://127.0.0.1:8080");
    private static final String QUEUE_URL = System.getProperty("queueUrl", "http://127.0.0.1:8081");
    private static final String CONCERT_URL = System.getProperty("concertUrl", "http://127.0.0.1:8082");
    private static final int RATE = Integer.getInteger("rate", 300);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("phaseSeconds", 20));
    /** Users 1..tokens take a token; at most queue-service's capacity (100 by default) are admitted at once. */
    private static final int TOKENS = Integer.getInteger("tokens", 50);
    private static final long CONCERT_ID = Long.getLong("concertId", 1);
    private static final int PHASES = 5;

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern EXPIRES_AT = Pattern.compile("\"expiresAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern DATE_ID = Pattern.compile("\"dateId\"\\s*:\\s*(\\d+)");

    /** Filled in {@link #before()}; the feeders read it only once the run has started. */
    private static final List<Map<String, Object>> ACTIVE_USERS = new CopyOnWriteArrayList<>();
    private static volatile long dateId;

    private final HttpProtocolBuilder gateway = http.baseUrl(GATEWAY_URL).acceptHeader("application/json")
            .shareConnections();
    private final HttpProtocolBuilder concertDirect = http.baseUrl(CONCERT_URL).acceptHeader("application/json")
            .shareConnections();

    /** Round-robin over the admitted users, safe for Gatling's many virtual users. */
    private static Iterator<Map<String, Object>> activeUsers() {
        AtomicLong next = new AtomicLong();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map<String, Object> user = ACTIVE_USERS.get((int) (next.getAndIncrement() % ACTIVE_USERS.size()));
                return Map.of("token", user.get("token"), "userId", user.get("userId"), "dateId", dateId);
            }
        };
    }

    private final ScenarioBuilder gatewayAlone = scenario("gateway alone")
            .exec(http("gateway alone: liveness").get("/actuator/health/liveness").check(status().is(200)));

    private final ScenarioBuilder bareRoute = scenario("bare route")
            .exec(http("bare route: queue refuses a missing token").get("/api/queue/tokens/me")
                    .check(status().in(400, 401)));

    private final ScenarioBuilder statusPolling = scenario("token status polling")
            .exec(feed(activeUsers()))
            .exec(http("token status polling").get("/api/queue/tokens/me").header("X-Queue-Token", "#{token}")
                    .check(status().is(200)));

    private final ScenarioBuilder seatsViaGateway = scenario("available seats via gateway")
            .exec(feed(activeUsers()))
            .exec(http("available seats via gateway")
                    .get("/api/concerts/" + CONCERT_ID + "/dates/#{dateId}/seats").header("X-Queue-Token", "#{token}")
                    .check(status().is(200)));

    private final ScenarioBuilder seatsDirect = scenario("available seats direct")
            .exec(feed(activeUsers()))
            .exec(http("available seats direct (no gateway)")
                    .get("/api/concerts/" + CONCERT_ID + "/dates/#{dateId}/seats").header("X-User-Id", "#{userId}")
                    .check(status().is(200)));

    {
        setUp(phase(gatewayAlone, gateway)
                .andThen(phase(bareRoute, gateway))
                .andThen(phase(statusPolling, gateway))
                .andThen(phase(seatsViaGateway, gateway))
                .andThen(phase(seatsDirect, concertDirect)))
                .assertions(details("available seats via gateway").failedRequests().percent().lt(1.0),
                        details("token status polling").failedRequests().percent().lt(1.0));
    }

    private static PopulationBuilder phase(ScenarioBuilder scenario, HttpProtocolBuilder protocol) {
        return scenario.injectOpen(constantUsersPerSec(RATE).during(PHASE)).protocols(protocol);
    }

    /** Takes tokens straight at queue-service (the gateway's issuance limit is not what is measured) and waits. */
    @Override
    public void before() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String[]> issued = new ArrayList<>();
        for (long userId = 1; userId <= TOKENS; userId++) {
            String body = send(client, HttpRequest.newBuilder(URI.create(QUEUE_URL + "/api/queue/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":" + userId + "}")).build());
            issued.add(new String[] {Long.toString(userId), find(TOKEN, body, "token")});
        }
        Instant deadline = Instant.now().plusSeconds(60);
        Instant earliestExpiry = Instant.MAX;
        while (ACTIVE_USERS.size() < issued.size() && Instant.now().isBefore(deadline)) {
            ACTIVE_USERS.clear();
            for (String[] user : issued) {
                String body = send(client, HttpRequest.newBuilder(
                        URI.create(QUEUE_URL + "/internal/queue/tokens/" + user[1])).GET().build());
                if ("ACTIVE".equals(find(STATUS, body, "status"))) {
                    ACTIVE_USERS.add(Map.of("userId", Long.parseLong(user[0]), "token", user[1]));
                    Instant expiresAt = Instant.parse(find(EXPIRES_AT, body, "expiresAt"));
                    earliestExpiry = expiresAt.isBefore(earliestExpiry) ? expiresAt : earliestExpiry;
                }
            }
            if (ACTIVE_USERS.size() < issued.size()) {
                pause(Duration.ofSeconds(1));
            }
        }
        if (ACTIVE_USERS.isEmpty()) {
            throw new IllegalStateException("No token was admitted within 60 s: is the waiting room full?");
        }
        Instant runEnds = Instant.now().plus(PHASE.multipliedBy(PHASES)).plusSeconds(10);
        if (earliestExpiry.isBefore(runEnds)) {
            throw new IllegalStateException("Tokens expire at " + earliestExpiry + ", before the run ends (" + runEnds
                    + "): shorten -DphaseSeconds or raise queue-service's QUEUE_ACTIVE_TTL");
        }
        Object someUser = ACTIVE_USERS.getFirst().get("userId");
        String dates = send(client, HttpRequest.newBuilder(
                        URI.create(CONCERT_URL + "/api/concerts/" + CONCERT_ID + "/dates"))
                .header("X-User-Id", someUser.toString()).GET().build());
        dateId = Long.parseLong(find(DATE_ID, dates, "dateId"));
        System.out.printf("%nGateway overhead: %d admitted tokens, concert %d date %d, %d req/s per phase for %s%n%n",
                ACTIVE_USERS.size(), CONCERT_ID, dateId, RATE, PHASE);
    }

    private static String send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Is the system running? " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern pattern, String body, String what) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + what + " in " + body);
        }
        return matcher.group(1);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
