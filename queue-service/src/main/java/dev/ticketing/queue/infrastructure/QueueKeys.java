package dev.ticketing.queue.infrastructure;

import java.util.UUID;

/**
 * Names of every Redis key of the waiting room, under one prefix ({@code ticketing.redis.key-prefix}). The Lua
 * scripts build the per-token and per-user names the same way from the prefix they are given.
 */
public record QueueKeys(String prefix) {

    public String waiting() {
        return prefix + "waiting";
    }

    public String active() {
        return prefix + "active";
    }

    public String sequence() {
        return prefix + "seq";
    }

    public String token(String token) {
        return prefix + "token:" + token;
    }

    public String user(long userId) {
        return prefix + "user:" + userId;
    }

    public String expired(String token) {
        return prefix + "expired:" + token;
    }

    public String processedEvent(UUID eventId) {
        return prefix + "processed:" + eventId;
    }

    public String admissions() {
        return prefix + "admissions";
    }

    public String admittedRecently() {
        return prefix + "admitted-recent";
    }

    /**
     * Revoked admissions (sorted set: jti scored by its exp, epoch ms) and the pub/sub channel announcing each one;
     * the gateways read both (ADMISSION_REVOCATIONS_KEY).
     */
    public String admissionRevoked() {
        return prefix + "admission-revoked";
    }
}
