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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway costs. After a warm-up, one phase after another, each at the same constant arrival rate, over shared
 * keep-alive connections (as an ingress would hold them):
 * <ol>
 *   <li>{@code gateway alone}: the gateway's own liveness probe, no routing: its HTTP server on this box;</li>
 *   <li>{@code bare route}: {@code GET /api/queue/tokens/me} with an access token but no queue token: the access
 *       token checked (an ES256 signature against the cached JWKS), then routed without any other gateway filter to
 *       queue-service, which refuses it before touching Redis: the limit of a routed, logged-in request;</li>
 *   <li>{@code token status polling}: the same with a real queue token (routed, one Redis read at queue-service);</li>
 *   <li>{@code available seats via gateway}: access token checked, queue token validated with queue-service, then
 *       concert-service reads MySQL;</li>
 *   <li>{@code available seats direct}: the same read straight at concert-service with {@code X-User-Id}, no
 *       gateway: the difference to phase 4 is what the gateway and its validation add;</li>
 *   <li>with {@code -DcachedGatewayUrl}: phase 4 again through a second gateway started with
 *       {@code QUEUE_TOKEN_CACHE_TTL=1s}, to see what the validation cache buys.</li>
 * </ol>
 * Run against a running system (./bin/run):
 * {@code ./mvnw -pl load-tests gatling:test -Dgatling.simulationClass=dev.ticketing.load.gateway.GatewayOverheadSimulation
 * -Drate=400 -DphaseSeconds=20}. Raise {@code rate} until p99 climbs or requests fail: that is what this box sustains.
 * Users log in before the run and tokens come from {@link ActiveTokenPool}; every request through the gateway carries
 * {@code Authorization: Bearer} (and {@code X-Queue-Token} where the route needs one). Figures:
 * docs/benchmarks/gateway-service.md.
 */
public class GatewayOverheadSimulation extends Simulation {

    private static final String GATEWAY_URL = System.getProperty("gatewayUrl", "http://127.0.0.1:8080");
    private static final String QUEUE_URL = System.getProperty("queueUrl", "http://127.0.0.1:8081");
    private static final String CONCERT_URL = System.getProperty("concertUrl", "http://127.0.0.1:8082");
    private static final int RATE = Integer.getInteger("rate", 300);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("phaseSeconds", 20));
    /**
     * Demo users firstUser.. take {@code tokens} tokens (at most queue-service's capacity, 100 by default, are admitted
     * at once); high ids, to stay clear of other runs that start from user 1.
     */
    private static final long FIRST_USER = Long.getLong("firstUser", 901);
    private static final int TOKENS = Integer.getInteger("tokens", 50);
    private static final long CONCERT_ID = Long.getLong("concertId", 1);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmUpSeconds", 10));
    /** A second gateway started with QUEUE_TOKEN_CACHE_TTL, to compare in the same run; off when not given. */
    private static final String CACHED_GATEWAY_URL = System.getProperty("cachedGatewayUrl");

    /** The waiting token polls the status; the booking routes take the admission token. */
    private static final Map<String, String> CREDENTIALS = Map.of("Authorization", "Bearer #{accessToken}",
            "X-Queue-Token", "#{token}");
    private static final Map<String, String> ADMITTED = Map.of("Authorization", "Bearer #{accessToken}",
            "X-Queue-Token", "#{admissionToken}");
    private static final Pattern DATE_ID = Pattern.compile("\"dateId\"\\s*:\\s*(\\d+)");

    private static final ActiveTokenPool TOKENS_POOL = new ActiveTokenPool(QUEUE_URL, GATEWAY_URL,
            System.getProperty("demoPassword", "demo-password"));
    private static volatile long dateId;

    private final HttpProtocolBuilder gateway = http.baseUrl(GATEWAY_URL).acceptHeader("application/json")
            .shareConnections();
    private final HttpProtocolBuilder concertDirect = http.baseUrl(CONCERT_URL).acceptHeader("application/json")
            .shareConnections();

    /** Read only once the run has started, after {@link #before()} filled the pool. */
    private static Iterator<Map<String, Object>> activeUsers() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                ActiveTokenPool.Admitted user = TOKENS_POOL.next();
                return Map.of("token", user.token(), "userId", user.userId(), "dateId", dateId,
                        "accessToken", user.accessToken(), "admissionToken", user.admissionToken());
            }
        };
    }

    private static ScenarioBuilder gatewayAlone(String name) {
        return scenario(name).exec(http(name + ": liveness").get("/actuator/health/liveness").check(status().is(200)));
    }

    private static ScenarioBuilder bareRoute(String name) {
        return scenario(name).exec(feed(activeUsers())).exec(http(name + ": queue refuses a missing token")
                .get("/api/queue/tokens/me").header("Authorization", "Bearer #{accessToken}")
                .check(status().in(400, 401)));
    }

    private static ScenarioBuilder statusPolling(String name) {
        return scenario(name).exec(feed(activeUsers())).exec(http(name).get("/api/queue/tokens/me")
                .headers(CREDENTIALS).check(status().is(200)));
    }

    private static ScenarioBuilder seatsWithToken(String name) {
        return scenario(name).exec(feed(activeUsers())).exec(http(name)
                .get("/api/concerts/" + CONCERT_ID + "/dates/#{dateId}/seats").headers(ADMITTED)
                .check(status().is(200)));
    }

    private static ScenarioBuilder seatsDirect(String name) {
        return scenario(name).exec(feed(activeUsers())).exec(http(name)
                .get("/api/concerts/" + CONCERT_ID + "/dates/#{dateId}/seats").header("X-User-Id", "#{userId}")
                .check(status().is(200)));
    }

    {
        List<PopulationBuilder> phases = new ArrayList<>();
        // JIT, connection pools and caches warm up first; these requests are reported as "warm-up ..." and ignored
        phases.add(phase(seatsWithToken("warm-up seats via gateway"), gateway, WARM_UP));
        phases.add(phase(statusPolling("warm-up token status polling"), gateway, WARM_UP));
        phases.add(phase(seatsDirect("warm-up seats direct"), concertDirect, WARM_UP));
        phases.add(phase(gatewayAlone("gateway alone"), gateway, PHASE));
        phases.add(phase(bareRoute("bare route"), gateway, PHASE));
        phases.add(phase(statusPolling("token status polling"), gateway, PHASE));
        phases.add(phase(seatsWithToken("available seats via gateway"), gateway, PHASE));
        phases.add(phase(seatsDirect("available seats direct (no gateway)"), concertDirect, PHASE));
        if (CACHED_GATEWAY_URL != null) {
            phases.add(phase(seatsWithToken("warm-up seats via cached gateway"), cachedGateway(), WARM_UP));
            phases.add(phase(seatsWithToken("available seats via gateway with cache"), cachedGateway(), PHASE));
        }
        setUp(inSequence(phases))
                .assertions(details("available seats via gateway").failedRequests().percent().lt(1.0),
                        details("token status polling").failedRequests().percent().lt(1.0));
    }

    /** Nested, because {@code a.andThen(b).andThen(c)} would start b and c together after a. */
    private static PopulationBuilder inSequence(List<PopulationBuilder> phases) {
        PopulationBuilder chain = phases.getLast();
        for (int i = phases.size() - 2; i >= 0; i--) {
            chain = phases.get(i).andThen(chain);
        }
        return chain;
    }

    private static PopulationBuilder phase(ScenarioBuilder scenario, HttpProtocolBuilder protocol, Duration length) {
        return scenario.injectOpen(constantUsersPerSec(RATE).during(length)).protocols(protocol);
    }

    private static HttpProtocolBuilder cachedGateway() {
        return http.baseUrl(CACHED_GATEWAY_URL).acceptHeader("application/json").shareConnections();
    }

    private static Duration runLength() {
        int phases = CACHED_GATEWAY_URL == null ? 5 : 6;
        int warmUps = CACHED_GATEWAY_URL == null ? 3 : 4;
        return PHASE.multipliedBy(phases).plus(WARM_UP.multipliedBy(warmUps)).plusSeconds(10);
    }

    @Override
    public void before() {
        TOKENS_POOL.fill(FIRST_USER, TOKENS, runLength());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest dates = HttpRequest.newBuilder(URI.create(CONCERT_URL + "/api/concerts/" + CONCERT_ID + "/dates"))
                .header("X-User-Id", Long.toString(TOKENS_POOL.next().userId())).GET().build();
        try {
            Matcher date = DATE_ID.matcher(client.send(dates, HttpResponse.BodyHandlers.ofString()).body());
            if (!date.find()) {
                throw new IllegalStateException("Concert " + CONCERT_ID + " has no date with free seats");
            }
            dateId = Long.parseLong(date.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("Is concert-service running at " + CONCERT_URL + "?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        System.out.printf("%nGateway overhead: %d admitted tokens, concert %d date %d, %d req/s per phase for %s%n%n",
                TOKENS_POOL.size(), CONCERT_ID, dateId, RATE, PHASE);
    }

    @Override
    public void after() {
        TOKENS_POOL.stop();
    }
}
