package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.Concert;
import dev.ticketing.concert.domain.ConcertDateAvailability;
import dev.ticketing.concert.domain.SeatView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of concerts, dates and seats (implemented in infrastructure). */
public interface CatalogReader {

    List<Concert> concerts();

    boolean concertExists(long concertId);

    /** The concert a date belongs to; empty when the date does not exist. */
    Optional<Long> concertOfDate(long dateId);

    /** Dates of the concert starting after {@code now} with at least one available seat, earliest first. */
    List<ConcertDateAvailability> datesWithAvailableSeats(long concertId, Instant now);

    /** Seats of a date in number order: only AVAILABLE ones, or all of them. */
    List<SeatView> seats(long dateId, boolean availableOnly);
}
