package dev.ticketing.payment.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

public record PayRequest(
        @Schema(description = "The held reservation to pay for (from POST /api/reservations)", example = "42")
        @NotNull @Positive Long reservationId) {
}
