package dev.ticketing.queue.api;

/** The token states of the public and internal contracts (docs/conventions.md). */
public enum TokenStatus {
    WAITING, ACTIVE, EXPIRED
}
