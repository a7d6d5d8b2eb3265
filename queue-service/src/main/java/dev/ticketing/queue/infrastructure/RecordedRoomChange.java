package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.domain.RoomChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an audit entry as change_room.lua records it ({@code at} and {@code opensAt} in epoch ms, the interval as
 * {@code intervalMs}, an opening that was not there as null) into a {@link RoomChange}.
 */
final class RecordedRoomChange {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordedRoomChange() {
    }

    static RoomChange read(String recorded) {
        JsonNode entry = JSON.readTree(recorded);
        return new RoomChange(Instant.ofEpochMilli(entry.get("at").asLong()), entry.get("operatorId").asLong(),
                entry.get("action").asString(), settings(entry.get("before")), settings(entry.get("after")));
    }

    private static RoomChange.Settings settings(JsonNode recorded) {
        // cjson writes an empty table as {}; a field the change did not touch is absent
        JsonNode capacity = recorded.get("capacity");
        JsonNode interval = recorded.get("intervalMs");
        JsonNode paused = recorded.get("paused");
        JsonNode opensAt = recorded.get("opensAt");
        return new RoomChange.Settings(
                capacity == null ? null : capacity.asInt(),
                interval == null ? null : Duration.ofMillis(interval.asLong()),
                paused == null ? null : paused.asBoolean(),
                opensAt == null ? null
                        : opensAt.isNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(opensAt.asLong())));
    }
}
