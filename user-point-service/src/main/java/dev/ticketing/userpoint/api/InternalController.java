package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.application.PointService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** For other services inside the cluster; the gateway never routes /internal. */
@RestController
@Tag(name = "Internal", description = "Point changes for payment-service: debits and refunds")
class InternalController {

    private final PointService points;

    InternalController(PointService points) {
        this.points = points;
    }

    @PostMapping("/internal/points/debits")
    @Operation(summary = "Debit points for a payment",
            description = "Never takes the balance below zero. The same idempotencyKey for the same user is applied"
                    + " once: sent again, also concurrently, it answers the first result, a 409 included.")
    @ApiResponse(responseCode = "200", description = "Debited; balance is the balance after the debit",
            content = @Content(schema = @Schema(implementation = PointChangeResponse.class)))
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST or MALFORMED_REQUEST (amount not a positive "
            + "whole number, missing field, bad key)")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "INSUFFICIENT_BALANCE: nothing was debited")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE (+ Retry-After): the database did not answer"
            + " in time; nothing was applied, send the same request again")
    ResponseEntity<?> debit(@Valid @RequestBody PointChangeRequest request) {
        return PointAnswers.of(points.debit(request.userId(), request.amount(), request.idempotencyKey()),
                points.limits().maxBalance(), PointChangeResponse::of);
    }

    @PostMapping("/internal/points/refunds")
    @Operation(summary = "Give back points of a payment that did not go through",
            description = "Never refused for the maximum balance. The same idempotencyKey for the same user is "
                    + "applied once and answers the first result.")
    @ApiResponse(responseCode = "200", description = "Refunded; balance is the balance after the refund",
            content = @Content(schema = @Schema(implementation = PointChangeResponse.class)))
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST or MALFORMED_REQUEST; AMOUNT_NOT_CHARGEABLE"
            + " for an amount above the maximum balance (no payment can have taken more)")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE (+ Retry-After): nothing was applied, send "
            + "the same request again")
    ResponseEntity<?> refund(@Valid @RequestBody PointChangeRequest request) {
        return PointAnswers.of(points.refund(request.userId(), request.amount(), request.idempotencyKey()),
                points.limits().maxBalance(), PointChangeResponse::of);
    }
}
