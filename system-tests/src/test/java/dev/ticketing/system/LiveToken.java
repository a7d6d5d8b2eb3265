package dev.ticketing.system;

import dev.ticketing.system.Gateway.Response;

/**
 * A user's queue token that outlives the token itself: a drill that waits minutes (for a hold to expire, say)
 * outlasts an active token's lifetime (90 s in ./bin/test), so on 401 it takes the user a fresh one, as a frontend
 * would send its user back through the waiting room, and asks again.
 */
final class LiveToken {

    private final long userId;
    private String token;

    LiveToken(long userId) {
        this.userId = userId;
        this.token = Gateway.activeToken(userId);
    }

    synchronized Response get(String path) {
        Response response = Gateway.get(path, token);
        if (response.status() == 401) {
            token = Gateway.activeToken(userId);
            response = Gateway.get(path, token);
        }
        return response;
    }

    synchronized Response pay(long reservationId) {
        Response response = Gateway.pay(token, reservationId);
        if (response.status() == 401) {
            token = Gateway.activeToken(userId);
            response = Gateway.pay(token, reservationId);
        }
        return response;
    }

    synchronized String value() {
        return token;
    }
}
