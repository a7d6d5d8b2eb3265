package dev.ticketing.concert.api;

import dev.ticketing.concert.api.ConcertResponses.ConcertDateResponse;
import dev.ticketing.concert.api.ConcertResponses.ConcertResponse;
import dev.ticketing.concert.api.ConcertResponses.SeatResponse;
import dev.ticketing.concert.application.ConcertCatalog;
import dev.ticketing.support.web.AdmittedRoom;
import dev.ticketing.support.web.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Concerts, their dates and seats. The answers are the same for every user; the identity is still required because
 * only the gateway (which admits active queue tokens) may call these routes.
 */
@RestController
@RequestMapping("/api/concerts")
@Tag(name = "Concerts", description = "What can be booked: concerts, dates with seats left, seats")
@ApiResponse(responseCode = "400", description = "INVALID_REQUEST: a non-numeric id or parameter")
@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no X-User-Id (not called through the gateway)")
class ConcertController {

    private final ConcertCatalog catalog;

    ConcertController(ConcertCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "All concerts")
    @ApiResponse(responseCode = "200", description = "The concerts")
    List<ConcertResponse> concerts(@CallerId long userId) {
        return catalog.concerts().stream().map(ConcertResponse::of).toList();
    }

    @GetMapping("/{concertId}/dates")
    @Operation(summary = "Dates of a concert that have not started and still have available seats")
    @ApiResponse(responseCode = "200", description = "The dates, earliest first, with their count of available seats")
    @ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND")
    @ApiResponse(responseCode = "403", description = "WRONG_ROOM: the admission is for another concert's room")
    List<ConcertDateResponse> availableDates(
            @CallerId long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @PathVariable long concertId) {
        admittedRoom.requireConcert(concertId);
        return catalog.availableDates(concertId).stream().map(ConcertDateResponse::of).toList();
    }

    @GetMapping("/{concertId}/dates/{dateId}/seats")
    @Operation(summary = "Seats of a concert date: the available ones, or with all=true every seat and its status")
    @ApiResponse(responseCode = "200", description = "The seats in number order")
    @ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND or CONCERT_DATE_NOT_FOUND (also a date of"
            + " another concert)")
    List<SeatResponse> seats(
            @CallerId long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @PathVariable long concertId,
            @PathVariable long dateId,
            @Parameter(description = "true: every seat with AVAILABLE/HELD/SOLD, for a seat map")
            @RequestParam(defaultValue = "false") boolean all) {
        admittedRoom.requireConcert(concertId);
        return catalog.seats(concertId, dateId, all).stream().map(SeatResponse::of).toList();
    }
}
