package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.queue.application.RoomOperations;
import dev.ticketing.queue.application.RoomOperations.RoomStats;
import dev.ticketing.queue.domain.RoomChange;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.RoomSettings;
import dev.ticketing.support.web.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's controls of a room. The gateway lets only access tokens with the role OPERATOR through
 * ({@code /api/ops/**}, everyone else 403 {@code ACCESS_DENIED}); {@code X-User-Id} is the operator in the audit log.
 * Every change answers the audit entry it recorded.
 */
@RestController
@RequestMapping("/api/ops/rooms/{concertId}")
@Tag(name = "Operator", description = "Live controls of a concert's room (role OPERATOR)")
class RoomOpsController {

    private final RoomOperations rooms;

    RoomOpsController(RoomOperations rooms) {
        this.rooms = rooms;
    }

    @GetMapping
    @Operation(summary = "The room now: waiting, pre-queued, active, admissions, wait at the back, settings")
    OpsRoom room(@PathVariable @Positive long concertId) {
        return OpsRoom.of(rooms.stats(RoomId.ofConcert(concertId)));
    }

    @PatchMapping
    @Operation(summary = "Change capacity and/or admission interval; applies at the next round on every instance")
    AuditEntry changeLimits(@PathVariable @Positive long concertId, @CallerId long operatorId,
            @RequestBody @Valid Limits limits) {
        return AuditEntry.of(rooms.changeLimits(RoomId.ofConcert(concertId), operatorId, limits.capacity(),
                limits.admissionIntervalMillis()));
    }

    @PostMapping("/pause")
    @Operation(summary = "Queue all: no admissions until resumed (active tokens live on and expire)")
    AuditEntry pause(@PathVariable @Positive long concertId, @CallerId long operatorId) {
        return AuditEntry.of(rooms.pause(RoomId.ofConcert(concertId), operatorId));
    }

    @PostMapping("/resume")
    @Operation(summary = "Admissions again, in line order")
    AuditEntry resume(@PathVariable @Positive long concertId, @CallerId long operatorId) {
        return AuditEntry.of(rooms.resume(RoomId.ofConcert(concertId), operatorId));
    }

    @PutMapping("/opens-at")
    @Operation(summary = "Set or move the opening (in the future; not once the room opened)")
    AuditEntry setOpensAt(@PathVariable @Positive long concertId, @CallerId long operatorId,
            @RequestBody @Valid Opening opening) {
        return AuditEntry.of(rooms.setOpensAt(RoomId.ofConcert(concertId), operatorId, opening.opensAt()));
    }

    @GetMapping("/audit")
    @Operation(summary = "Every change to the room, oldest first: at, operatorId, action, before, after")
    List<AuditEntry> audit(@PathVariable @Positive long concertId) {
        return rooms.audit(RoomId.ofConcert(concertId)).stream().map(AuditEntry::of).toList();
    }

    record Limits(@Min(1) @Max(RoomSettings.MAX_CAPACITY) Integer capacity,
                  @Min(100) @Max(3_600_000) Long admissionIntervalMillis) {

        @AssertTrue(message = "give capacity, admissionIntervalMillis or both")
        boolean isChange() {
            return capacity != null || admissionIntervalMillis != null;
        }
    }

    record Opening(@NotNull Instant opensAt) {
    }

    /** An audit entry: times as ISO-8601 instants, the interval under its API name. */
    record AuditEntry(Instant at, long operatorId, String action, ChangedSettings before, ChangedSettings after) {

        static AuditEntry of(RoomChange change) {
            return new AuditEntry(change.at(), change.operatorId(), change.action(), ChangedSettings.of(change.before()),
                    ChangedSettings.of(change.after()));
        }
    }

    /**
     * Only the settings the change touched; {@code "opensAt": null} is "no opening" (an empty Optional is written as
     * null, an untouched setting not at all).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangedSettings(Integer capacity, Long admissionIntervalMillis, Boolean paused, Optional<Instant> opensAt) {

        static ChangedSettings of(RoomChange.Settings settings) {
            return new ChangedSettings(settings.capacity(),
                    settings.admissionInterval() == null ? null : settings.admissionInterval().toMillis(),
                    settings.paused(), settings.opensAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OpsRoom(long concertId, RoomOperations.RoomStatus status, long waiting, long preQueued, long active,
                   long admittedLastMinute, double admissionRatePerSecond, Long estimatedWaitSecondsAtBack,
                   Long oldestWaitingAgeSeconds, int capacity, long admissionIntervalMillis, long activeTtlSeconds,
                   boolean paused, Instant opensAt, Instant openedAt, Long seed, Long drawn) {

        static OpsRoom of(RoomStats s) {
            return new OpsRoom(Long.parseLong(s.room().value()), s.status(), s.waiting(), s.preQueued(), s.active(),
                    s.admittedLastMinute(), s.admissionRatePerSecond(), s.waitAtBack(), s.oldestWaitAge(),
                    s.settings().capacity(), s.settings().admissionInterval().toMillis(),
                    s.settings().activeTtl().toSeconds(), s.settings().paused(), s.settings().opensAt(),
                    s.openedAt(), s.seed(), s.shuffled());
        }
    }
}
