package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.domain.RoomId;
import java.util.UUID;

/**
 * Names of every Redis key of the waiting rooms, under one prefix ({@code ticketing.redis.key-prefix}). The default
 * room keeps the names of the one room of before ({@code queue:waiting}, ...), so an upgrade keeps its line; a
 * concert's room lives under {@code queue:room:<concertId>:}. The Lua scripts build the per-token, per-user and
 * per-room names the same way from the prefix they are given.
 */
public record QueueKeys(String prefix) {

    public String roomPrefix(RoomId room) {
        return room.isDefault() ? prefix : prefix + "room:" + room.value() + ":";
    }

    public String waiting(RoomId room) {
        return roomPrefix(room) + "waiting";
    }

    public String active(RoomId room) {
        return roomPrefix(room) + "active";
    }

    public String sequence(RoomId room) {
        return roomPrefix(room) + "seq";
    }

    public String user(RoomId room, long userId) {
        return roomPrefix(room) + "user:" + userId;
    }

    public String admissions(RoomId room) {
        return roomPrefix(room) + "admissions";
    }

    public String admittedRecently(RoomId room) {
        return roomPrefix(room) + "admitted-recent";
    }

    public String settings(RoomId room) {
        return roomPrefix(room) + "settings";
    }

    public String audit(RoomId room) {
        return roomPrefix(room) + "audit";
    }

    public String rooms() {
        return prefix + "rooms";
    }

    public String token(String token) {
        return prefix + "token:" + token;
    }

    public String expired(String token) {
        return prefix + "expired:" + token;
    }

    /**
     * Revoked admissions (sorted set: jti scored by its exp, epoch ms) and the pub/sub channel announcing each one;
     * the gateways read both (ADMISSION_REVOCATIONS_KEY). One for every room: a jti is unique.
     */
    public String admissionRevoked() {
        return prefix + "admission-revoked";
    }

    public String processedEvent(UUID eventId) {
        return prefix + "processed:" + eventId;
    }
}
