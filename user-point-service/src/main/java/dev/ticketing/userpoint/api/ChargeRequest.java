package dev.ticketing.userpoint.api;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The amount is read as raw JSON so that a fractional or quoted amount is refused with a reason, instead of being
 * truncated or converted by the JSON library before any rule sees it.
 */
public record ChargeRequest(
        @Schema(implementation = Long.class, minimum = "1", example = "50000",
                description = "Points to charge: a positive whole number, at most the per-charge limit, and not "
                        + "taking the balance over the maximum balance")
        JsonNode amount) {
}
