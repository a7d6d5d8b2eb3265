package dev.ticketing.load.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logged-in users with ACTIVE queue tokens for a load run. Each user logs in once through the gateway, before the run
 * (a login is a password hash: not what is measured here), and holds the access token until shortly before it
 * expires; the queue tokens are taken straight at queue-service, for the user the gateway would name in
 * {@code X-User-Id} (the gateway's issuance limit is not what is measured). When tokens live shorter than the run (./bin/load-test sets a 60 s lifetime), the users are split in two
 * cohorts admitted half a lifetime apart and a background refresh re-issues each expired token, so one cohort is
 * always usable; a token is left out a few seconds before it expires, so requests never carry a dying token.
 */
final class ActiveTokenPool {

    /** {@code admissionToken}: the signed one the booking routes take (the waiting token where none is signed). */
    record Admitted(long userId, String token, Instant expiresAt, String accessToken, String admissionToken) {
    }

    private record AccessToken(String value, Instant renewAfter) {
    }

    private static final Duration LEAVE_OUT_BEFORE_EXPIRY = Duration.ofSeconds(3);
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern EXPIRES_AT = Pattern.compile("\"expiresAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ADMISSION_TOKEN = Pattern.compile("\"admissionToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expiresIn\"\\s*:\\s*(\\d+)");
    /** An access token is renewed this long before it expires, so no request carries a dying one. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private final String queueUrl;
    private final String gatewayUrl;
    private final String password;
    private final Map<Long, AccessToken> accessTokenOfUser = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Long, String> tokenOfUser = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<Admitted> usable = List.of();

    ActiveTokenPool(String queueUrl, String gatewayUrl, String password) {
        this.queueUrl = queueUrl;
        this.gatewayUrl = gatewayUrl;
        this.password = password;
    }

    /**
     * Returns once {@code users} users from {@code firstUser} on hold ACTIVE tokens that last for {@code run}, or a
     * usable rotation.
     */
    void fill(long firstUser, int users, Duration run) {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (long userId = firstUser; userId < firstUser + users; userId++) {
            (userId % 2 == 1 ? first : second).add(userId);
        }
        first.forEach(userId -> tokenOfUser.put(userId, issue(userId)));
        Duration lifetime = awaitAdmitted(first.size());
        if (lifetime.compareTo(run) > 0) {
            second.forEach(userId -> tokenOfUser.put(userId, issue(userId)));
            awaitAdmitted(users);
            return;
        }
        System.out.printf("Tokens live %s, shorter than the run (%s): rotating two cohorts%n", lifetime, run);
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        sleep(lifetime.dividedBy(2));
        second.forEach(userId -> tokenOfUser.put(userId, issue(userId)));
        awaitAdmitted(users / 2 + 1);
    }

    void stop() {
        refresher.shutdownNow();
    }

    /** Round robin over the usable tokens; never empty once {@link #fill} has returned. */
    Admitted next() {
        List<Admitted> now = usable;
        return now.get((int) (next.getAndIncrement() % now.size()));
    }

    int size() {
        return usable.size();
    }

    private Duration awaitAdmitted(int atLeast) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            refresh();
            if (usable.size() >= atLeast) {
                Instant earliest = usable.stream().map(Admitted::expiresAt).min(Instant::compareTo).orElseThrow();
                return Duration.between(Instant.now(), earliest);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Only " + usable.size() + " of " + atLeast
                        + " tokens admitted within 90 s: is the waiting room full?");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                System.err.println("Token refresh failed: " + e.getMessage());
            }
        }
    }

    private synchronized void refresh() {
        Instant leaveOutAfter = Instant.now().plus(LEAVE_OUT_BEFORE_EXPIRY);
        List<Admitted> admitted = new ArrayList<>();
        tokenOfUser.forEach((userId, token) -> {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(
                    URI.create(queueUrl + "/internal/queue/tokens/" + token)).GET().build(), true);
            String status = answer.statusCode() == 404 ? "EXPIRED" : find(STATUS, answer.body());
            if ("EXPIRED".equals(status)) {
                tokenOfUser.put(userId, issue(userId));
            } else if ("ACTIVE".equals(status)) {
                Instant expiresAt = Instant.parse(find(EXPIRES_AT, answer.body()));
                if (expiresAt.isAfter(leaveOutAfter)) {
                    admitted.add(new Admitted(userId, token, expiresAt, accessToken(userId),
                            admissionToken(userId, token)));
                }
            }
        });
        if (!admitted.isEmpty()) {
            usable = List.copyOf(admitted);
        }
    }

    /** The user's status, as the client asks for it, carries the admission token. */
    private String admissionToken(long userId, String token) {
        String body = send(HttpRequest.newBuilder(URI.create(queueUrl + "/api/queue/tokens/me"))
                .header("X-User-Id", Long.toString(userId)).header("X-Queue-Token", token).GET().build(), false)
                .body();
        java.util.regex.Matcher admission = ADMISSION_TOKEN.matcher(body);
        return admission.find() ? admission.group(1) : token;
    }

    private String issue(long userId) {
        accessToken(userId); // logged in before the run, as the user of the token
        return find(TOKEN, send(HttpRequest.newBuilder(URI.create(queueUrl + "/api/queue/tokens"))
                .header("Content-Type", "application/json").header("X-User-Id", Long.toString(userId))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), false).body());
    }

    /** The user's access token: the kept one while fresh, else a login through the gateway as demo user userN. */
    private String accessToken(long userId) {
        AccessToken kept = accessTokenOfUser.get(userId);
        if (kept != null && Instant.now().isBefore(kept.renewAfter())) {
            return kept.value();
        }
        String answer = send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"user" + userId + "\",\"password\":\""
                        + password + "\"}")).build(), false).body();
        AccessToken fresh = new AccessToken(find(ACCESS_TOKEN, answer), Instant.now()
                .plusSeconds(Long.parseLong(find(EXPIRES_IN, answer))).minus(RENEW_BEFORE_EXPIRY));
        accessTokenOfUser.put(userId, fresh);
        return fresh.value();
    }

    private HttpResponse<String> send(HttpRequest request, boolean notFoundIsAnAnswer) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(notFoundIsAnAnswer && response.statusCode() == 404)) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("Is the system running? " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
