package dev.ticketing.system;

import dev.ticketing.system.Gateway.Response;
import java.util.function.Function;

/**
 * A user's queue token that outlives the token itself: a drill that waits minutes (for a hold to expire, say)
 * outlasts an active token's lifetime (90 s in ./bin/test), so on 401 it takes the user a fresh one, as a frontend
 * would send its user back through the waiting room, and asks again. The same for the access token: a refused one
 * (401 {@code ACCESS_TOKEN_INVALID}, expired say) sends the user back to the login, and the request is repeated with
 * the same queue token.
 */
final class LiveToken {

    private final long userId;
    private String token;

    LiveToken(long userId) {
        this.userId = userId;
        this.token = Gateway.activeToken(userId);
    }

    Response get(String path) {
        return withLiveToken(token -> Gateway.get(path, token));
    }

    Response post(String path, String json, String... headers) {
        return withLiveToken(token -> Gateway.post(path, token, json, headers));
    }

    Response pay(long reservationId) {
        return withLiveToken(token -> Gateway.pay(token, reservationId));
    }

    private synchronized Response withLiveToken(Function<String, Response> request) {
        Response response = request.apply(token);
        if (response.status() == 401 && isLoginRefused(response)) {
            Accounts.forget(userId);
            response = request.apply(token);
        }
        if (response.status() == 401 && !isLoginRefused(response)) {
            token = Gateway.activeToken(userId);
            response = request.apply(token);
        }
        return response;
    }

    private static boolean isLoginRefused(Response response) {
        return "ACCESS_TOKEN_INVALID".equals(response.code()) || "UNAUTHENTICATED".equals(response.code());
    }

    synchronized String value() {
        return token;
    }
}
