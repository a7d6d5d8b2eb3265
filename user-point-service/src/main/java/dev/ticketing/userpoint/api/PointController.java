package dev.ticketing.userpoint.api;

import dev.ticketing.support.idempotency.IdempotentRequests;
import dev.ticketing.support.web.CallerId;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.UserPointError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The user's own points, reached through the gateway, which sets {@code X-User-Id} from the queue token. */
@RestController
@RequestMapping("/api/points")
@Tag(name = "Points", description = "The caller's point balance: read, charge, history")
class PointController {

    private final PointService points;
    private final IdempotentRequests idempotentRequests;

    PointController(PointService points, IdempotentRequests idempotentRequests) {
        this.points = points;
        this.idempotentRequests = idempotentRequests;
    }

    @GetMapping
    @Operation(summary = "The caller's balance")
    @ApiResponse(responseCode = "200", description = "The balance")
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no X-User-Id (not called through the gateway)")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
    BalanceResponse balance(@CallerId long userId) {
        return new BalanceResponse(userId, points.balance(userId));
    }

    @PostMapping("/charges")
    @Operation(summary = "Charge points to the caller's balance",
            description = "With an Idempotency-Key, a retry with the same key and body is applied once and answers the"
                    + " first result (also a refusal for the balance maximum), with Idempotent-Replayed: true.")
    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", required = false,
            description = "Optional. A quoted string (\"8e03978e-40d5-43e8-bc93-6894a57f9324\"), or bare as before;"
                    + " 1 to 100 printable ASCII characters, per user, kept 24 h", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "Charged; balance is the balance after the charge",
            content = @Content(schema = @Schema(implementation = ChargeResponse.class)))
    @ApiResponse(responseCode = "400", description = "AMOUNT_NOT_CHARGEABLE (missing, not a number, fractional, zero,"
            + " negative, over the per-charge limit or the maximum balance), MALFORMED_REQUEST (not JSON),"
            + " INVALID_REQUEST (bad Idempotency-Key); the balance is untouched")
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_USE + Retry-After: a charge with this key is"
            + " still being processed")
    @ApiResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key came first with another body")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE (+ Retry-After): nothing was charged")
    ResponseEntity<?> charge(
            @CallerId long userId,
            @RequestBody ChargeRequest request) {
        BigDecimal amount = amountOf(request.amount());
        PointOutcome outcome = idempotentRequests.execute(userId, "POST /api/points/charges", request,
                PointOutcome.class, () -> points.charge(userId, amount));
        return PointAnswers.of(outcome, points.limits().maxBalance(), ChargeResponse::of);
    }

    @GetMapping("/history")
    @Operation(summary = "The caller's charges, debits and refunds, newest first")
    @ApiResponse(responseCode = "200", description = "One page of the history")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST: page below 0, size outside 1..100")
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
    HistoryResponse history(
            @CallerId long userId,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Items per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return HistoryResponse.of(points.history(userId, page, size));
    }

    /**
     * Null when absent, so the rules say "required"; otherwise a whole JSON number that fits a {@code long}, or a
     * refusal. The value is never rendered: {@code 1e999999999} written out in full is a gigabyte of zeros.
     */
    private static BigDecimal amountOf(JsonNode amount) {
        if (amount == null || amount.isNull() || amount.isMissingNode()) {
            return null;
        }
        if (!amount.isNumber()) {
            throw new UserPointError.AmountNotChargeable("amount must be a number, was a JSON " + kindOf(amount));
        }
        if (!amount.isIntegralNumber()) {
            throw new UserPointError.AmountNotChargeable("amount must be a whole number of points, written without a"
                    + " fraction or exponent");
        }
        if (!amount.canConvertToLong()) {
            throw new UserPointError.AmountNotChargeable("amount is beyond any chargeable number of points");
        }
        return BigDecimal.valueOf(amount.longValue());
    }

    private static String kindOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            default -> "value of another type";
        };
    }
}
