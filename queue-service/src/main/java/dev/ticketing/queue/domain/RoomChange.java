package dev.ticketing.queue.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's change to a room as its audit log records it: who, when, what, and the settings it changed, before
 * and after.
 */
public record RoomChange(Instant at, long operatorId, String action, Settings before, Settings after) {

    /**
     * The settings a change touched; a setting it did not touch is {@code null}. {@code opensAt} has a third state:
     * {@code Optional.empty()} is "no opening", which a first scheduled opening had before.
     */
    public record Settings(Integer capacity, Duration admissionInterval, Boolean paused, Optional<Instant> opensAt) {
    }
}
