package dev.ticketing.concert.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Boxed so that a missing field is a 400 naming it, not a silent 0. Exactly one of {@code seatId} (one seat, as
 * before) and {@code seatIds} (several seats of the date, held all or nothing) is given.
 */
record HoldRequest(
        @NotNull @Positive Long concertId,
        @NotNull @Positive Long dateId,
        @Schema(description = "One seat; or give seatIds instead") @Positive Long seatId,
        @Schema(description = "Several seats of the date, held together or not at all (no duplicates, at most the"
                + " per-user limit); or give seatId instead")
        @Size(min = 1, max = 100) List<@NotNull @Positive Long> seatIds) {

    @JsonIgnore
    @Schema(hidden = true)
    @AssertTrue(message = "give exactly one of seatId and seatIds")
    boolean isExactlyOneSeatChoice() {
        return (seatId == null) != (seatIds == null);
    }

    List<Long> seats() {
        return seatId != null ? List.of(seatId) : seatIds;
    }
}
