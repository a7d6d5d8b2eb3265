package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.queue.application.RoomOperations;
import dev.ticketing.queue.application.RoomOperations.RoomStats;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's controls of a room. The gateway lets only access tokens with the role OPERATOR through
 * ({@code /api/ops/**}, everyone else 403 {@code ACCESS_DENIED}); {@code X-User-Id} is the operator in the audit log.
 * Every change answers the audit entry it recorded.
 */
@RestController
@RequestMapping("/api/ops/rooms/{concertId}")
@Tag(name = "Operator", description = "Live controls of a concert's room (role OPERATOR)")
class RoomOpsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    JsonNode changeLimits(@PathVariable @Positive long concertId, @CallerId long operatorId,
            @RequestBody @Valid Limits limits) {
        return entry(rooms.changeLimits(RoomId.ofConcert(concertId), operatorId, limits.capacity(),
                limits.admissionIntervalMillis()));
    }

    @PostMapping("/pause")
    @Operation(summary = "Queue all: no admissions until resumed (active tokens live on and expire)")
    JsonNode pause(@PathVariable @Positive long concertId, @CallerId long operatorId) {
        return entry(rooms.pause(RoomId.ofConcert(concertId), operatorId));
    }

    @PostMapping("/resume")
    @Operation(summary = "Admissions again, in line order")
    JsonNode resume(@PathVariable @Positive long concertId, @CallerId long operatorId) {
        return entry(rooms.resume(RoomId.ofConcert(concertId), operatorId));
    }

    @PutMapping("/opens-at")
    @Operation(summary = "Set or move the opening (in the future; not once the room opened)")
    JsonNode setOpensAt(@PathVariable @Positive long concertId, @CallerId long operatorId,
            @RequestBody @Valid Opening opening) {
        return entry(rooms.setOpensAt(RoomId.ofConcert(concertId), operatorId, opening.opensAt()));
    }

    @GetMapping("/audit")
    @Operation(summary = "Every change to the room, oldest first: at, operatorId, action, before, after")
    List<JsonNode> audit(@PathVariable @Positive long concertId) {
        return rooms.audit(RoomId.ofConcert(concertId)).stream().map(RoomOpsController::entry).toList();
    }

    /** The entry as recorded in Redis, with times as ISO-8601 instants and the interval under its API name. */
    static JsonNode entry(String recorded) {
        JsonNode raw = JSON.readTree(recorded);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.ofEpochMilli(raw.get("at").asLong()).toString());
        entry.put("operatorId", raw.get("operatorId").asLong());
        entry.put("action", raw.get("action").asString());
        entry.put("before", settings(raw.get("before")));
        entry.put("after", settings(raw.get("after")));
        return JSON.valueToTree(entry);
    }

    private static Map<String, Object> settings(JsonNode recorded) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (recorded == null || !recorded.isObject()) {
            return settings; // cjson writes an empty table as {}
        }
        for (String field : recorded.propertyNames()) {
            JsonNode value = recorded.get(field);
            switch (field) {
                case "capacity" -> settings.put("capacity", value.asLong());
                case "intervalMs" -> settings.put("admissionIntervalMillis", value.asLong());
                case "paused" -> settings.put("paused", value.asBoolean());
                case "opensAt" -> settings.put("opensAt",
                        value.isNull() ? null : Instant.ofEpochMilli(value.asLong()).toString());
                default -> settings.put(field, value);
            }
        }
        return settings;
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
