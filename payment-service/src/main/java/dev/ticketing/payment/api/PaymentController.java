package dev.ticketing.payment.api;

import dev.ticketing.payment.application.PayForReservation;
import dev.ticketing.payment.application.PaymentQueries;
import dev.ticketing.payment.application.ReservationConcerts;
import dev.ticketing.support.idempotency.IdempotentRequests;
import dev.ticketing.support.web.AdmittedRoom;
import dev.ticketing.support.web.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/payments")
@Tag(name = "Payments", description = "Pay for a held seat with points; reached through the gateway with an ACTIVE queue token")
class PaymentController {

    private final PayForReservation payForReservation;
    private final PaymentQueries paymentQueries;
    private final IdempotentRequests idempotentRequests;
    private final ReservationConcerts concerts;

    PaymentController(PayForReservation payForReservation, PaymentQueries paymentQueries,
            IdempotentRequests idempotentRequests, ReservationConcerts concerts) {
        this.payForReservation = payForReservation;
        this.paymentQueries = paymentQueries;
        this.idempotentRequests = idempotentRequests;
        this.concerts = concerts;
    }

    @PostMapping
    @Operation(summary = "Pay for your held seat",
            description = "Debits the reservation's price from your points exactly once, however often it is sent. "
                    + "After a 503 send the same request again: it completes the same payment without a second debit. "
                    + "With an Idempotency-Key, a retry with the same key and body answers the first answer again "
                    + "(Idempotent-Replayed: true), also after a crash of the service.")
    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", required = false,
            description = "Optional. A quoted string (\"8e03978e-40d5-43e8-bc93-6894a57f9324\"), or bare as before;"
                    + " 1 to 100 printable ASCII characters, per user, kept 24 h", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "201", description = "Paid now")
    @ApiResponse(responseCode = "200", description = "Already paid: the existing payment, nothing debited again")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST / MALFORMED_REQUEST", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no X-User-Id", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "NOT_YOUR_HOLD; WRONG_ROOM (the admission is for another"
            + " concert's room)", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "HOLD_EXPIRED, INSUFFICIENT_BALANCE (nothing debited), or "
            + "RESERVATION_PENDING with Retry-After: 1 (payments does not know the hold yet and concert-service "
            + "cannot be asked now), or IDEMPOTENCY_KEY_IN_USE with Retry-After (a request with this key is still "
            + "being processed)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key came first with another body",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: points cannot be debited now; retry the "
            + "same request (Retry-After)", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<PaymentResponse> pay(
            @CallerId long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @Valid @RequestBody PayRequest request) {
        // a reservation's concert never changes, so checking before paying is as good as inside; one whose
        // SeatReserved has not arrived was held in its own room already (concert-service checks holds)
        concerts.concertOf(request.reservationId()).ifPresent(admittedRoom::requireConcert);
        PayForReservation.Result result = idempotentRequests.execute(userId, "POST /api/payments", request,
                PayForReservation.Result.class, () -> payForReservation.pay(userId, request.reservationId()));
        PaymentResponse body = PaymentResponse.of(result.payment());
        if (result.alreadyPaid()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/api/payments/" + body.paymentId())).body(body);
    }

    @GetMapping("/{paymentId}")
    @Operation(summary = "One of your payments and its state")
    @ApiResponse(responseCode = "200", description = "The payment")
    @ApiResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND (also someone else's payment)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    PaymentResponse payment(
            @CallerId long userId,
            @PathVariable @Positive long paymentId) {
        return PaymentResponse.of(paymentQueries.paymentOf(userId, paymentId));
    }
}
