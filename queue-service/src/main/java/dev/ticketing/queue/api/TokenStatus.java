package dev.ticketing.queue.api;

/** The token states of the public and internal contracts (docs/conventions.md). */
public enum TokenStatus {
    PRE_QUEUE, WAITING, ACTIVE, EXPIRED
}
