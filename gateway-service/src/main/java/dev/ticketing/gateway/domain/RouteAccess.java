package dev.ticketing.gateway.domain;

/** Which tokens a route lets through. */
public enum RouteAccess {
    /** Seats, reservations, payments: only users admitted from the waiting room. */
    ACTIVE_ONLY,
    /** Points: users charge their balance while they wait, so a waiting token is enough. */
    WAITING_OR_ACTIVE
}
