package dev.ticketing.queue.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

public record IssueTokenRequest(
        @Schema(description = "The user asking for a place in line", example = "42")
        @NotNull @Positive Long userId) {
}
