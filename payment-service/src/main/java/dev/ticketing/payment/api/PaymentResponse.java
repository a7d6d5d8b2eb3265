package dev.ticketing.payment.api;

import dev.ticketing.payment.domain.Payment;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The {@code Payment} of docs/conventions.md. */
public record PaymentResponse(
        long paymentId,
        long reservationId,
        long userId,
        @Schema(description = "Points debited (or to be debited while PENDING)") long amount,
        @Schema(allowableValues = {"PENDING", "COMPLETED", "FAILED", "REFUNDED"}) String status,
        Instant createdAt,
        @Schema(nullable = true) Instant completedAt) {

    static PaymentResponse of(Payment payment) {
        return new PaymentResponse(payment.id(), payment.reservationId(), payment.userId(), payment.amount(),
                publicStatus(payment), payment.createdAt(), payment.completedAt());
    }

    /**
     * The contract knows four states. A refund in progress is still COMPLETED to clients (the points are still
     * debited) until user-point-service confirms it; it then shows REFUNDED.
     */
    private static String publicStatus(Payment payment) {
        return switch (payment.status()) {
            case PENDING -> "PENDING";
            case FAILED -> "FAILED";
            case COMPLETED, REFUND_PENDING -> "COMPLETED";
            case REFUNDED -> "REFUNDED";
        };
    }
}
