package dev.ticketing.system;

import dev.ticketing.system.Gateway.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where the system tests log in, as a frontend's user does: {@code POST /api/auth/login} through the
 * gateway. Demo user N is {@code userN} with {@code demo-password} (the demo profile's users, docs/conventions.md).
 * An access token is kept per user and used until shortly before it expires, then the user logs in again; a refused
 * one ({@link #forget}) is replaced at the next request.
 */
final class Accounts {

    static final String DEMO_PASSWORD = "demo-password";
    /** A token this close to its expiry is not sent any more: a request in flight must not outlive it. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    record AccessToken(String value, Instant renewAfter) {
    }

    private static final Map<Long, AccessToken> TOKENS = new ConcurrentHashMap<>();

    private Accounts() {
    }

    static String username(long demoUser) {
        return "user" + demoUser;
    }

    /** Whether the user holds an access token fresh enough to send. */
    static boolean loggedIn(long demoUser) {
        AccessToken kept = TOKENS.get(demoUser);
        return kept != null && Instant.now().isBefore(kept.renewAfter());
    }

    /** The demo user's access token: the kept one while it is fresh, else a new login (which must succeed). */
    static String accessToken(long demoUser) {
        AccessToken kept = TOKENS.get(demoUser);
        if (kept != null && Instant.now().isBefore(kept.renewAfter())) {
            return kept.value();
        }
        Response login = login(username(demoUser), DEMO_PASSWORD);
        if (login.status() != 200) {
            throw new AssertionError("Demo user " + username(demoUser) + " could not log in: " + login);
        }
        return keep(demoUser, login);
    }

    /** Logs the demo user in and answers the login's response (so a test can see a refusal as it is). */
    static Response logIn(long demoUser) {
        Response login = login(username(demoUser), DEMO_PASSWORD);
        if (login.status() == 200) {
            keep(demoUser, login);
        }
        return login;
    }

    /** Drops the user's kept access token (refused by the gateway, say): the next request logs in again. */
    static void forget(long demoUser) {
        TOKENS.remove(demoUser);
    }

    static Response login(String username, String password) {
        return Gateway.postAnonymously("/api/auth/login", credentials(username, password));
    }

    static Response signUp(String username, String password) {
        return Gateway.postAnonymously("/api/users", credentials(username, password));
    }

    static String credentials(String username, String password) {
        return Gateway.JSON.createObjectNode().put("username", username).put("password", password).toString();
    }

    private static String keep(long demoUser, Response login) {
        String value = login.text("accessToken");
        Instant renewAfter = Instant.now().plusSeconds(login.number("expiresIn")).minus(RENEW_BEFORE_EXPIRY);
        TOKENS.put(demoUser, new AccessToken(value, renewAfter));
        return value;
    }
}
