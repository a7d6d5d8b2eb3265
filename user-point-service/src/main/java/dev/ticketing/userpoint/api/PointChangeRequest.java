package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.domain.OperationKey;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** A debit or refund asked for by another service (payment-service). */
public record PointChangeRequest(
        @NotNull @Positive Long userId,
        @NotNull @Positive Long amount,
        @Schema(description = "Applied once per user and operation: the same key again answers the first result",
                example = "payment-42")
        @NotNull @Pattern(regexp = ApiPatterns.IDEMPOTENCY_KEY, message = OperationKey.RULE) String idempotencyKey) {
}
