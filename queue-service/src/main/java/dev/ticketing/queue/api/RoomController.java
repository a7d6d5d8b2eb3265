package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.queue.application.RoomOperations;
import dev.ticketing.queue.application.RoomOperations.RoomStats;
import dev.ticketing.queue.domain.RoomId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What anyone logged in may know about a concert's room: its opening and, after it, the seed of the draw. */
@RestController
@Tag(name = "Rooms", description = "A concert's waiting room: opening time and the published draw")
class RoomController {

    private final RoomOperations rooms;

    RoomController(RoomOperations rooms) {
        this.rooms = rooms;
    }

    @GetMapping("/api/rooms/{concertId}")
    @Operation(summary = "A concert's room",
            description = "status PRE_QUEUE (with opensAt), OPEN or PAUSED. After a scheduled opening: openedAt, the"
                    + " seed of the draw and how many were drawn; the same seed and the pre-queue in join order give"
                    + " the same order (README: the draw).")
    PublicRoom room(@PathVariable @Positive long concertId) {
        return PublicRoom.of(rooms.stats(RoomId.ofConcert(concertId)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PublicRoom(long concertId, RoomOperations.RoomStatus status,
                      @Schema(description = "the scheduled opening, if any") Instant opensAt,
                      @Schema(description = "when the pre-queue was drawn") Instant openedAt,
                      @Schema(description = "the draw's seed (Park-Miller, 1..2^31-2)") Long seed,
                      @Schema(description = "how many were in the pre-queue at the draw") Long drawn) {

        static PublicRoom of(RoomStats stats) {
            return new PublicRoom(Long.parseLong(stats.room().value()), stats.status(), stats.settings().opensAt(),
                    stats.openedAt(), stats.seed(), stats.shuffled());
        }
    }
}
