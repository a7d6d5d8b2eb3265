package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.Concert;
import dev.ticketing.concert.domain.ConcertDateAvailability;
import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.SeatView;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The opening-day hot path. Each read is one indexed query; the existence checks behind the 404s cost a second
 * primary-key lookup only where the answer could otherwise be ambiguous.
 */
@Service
public class ConcertCatalog {

    private final CatalogReader catalog;
    private final Clock clock;

    public ConcertCatalog(CatalogReader catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public List<Concert> concerts() {
        return catalog.concerts();
    }

    public List<ConcertDateAvailability> availableDates(long concertId) {
        List<ConcertDateAvailability> dates = catalog.datesWithAvailableSeats(concertId, clock.instant());
        if (dates.isEmpty() && !catalog.concertExists(concertId)) {
            throw new ConcertException.ConcertNotFound(concertId);
        }
        return dates;
    }

    public List<SeatView> seats(long concertId, long dateId, boolean includeUnavailable) {
        requireDateOf(catalog, concertId, dateId);
        return catalog.seats(dateId, !includeUnavailable);
    }

    /** A date id of another concert is reported as not found, so ids cannot be mixed across concerts. */
    static void requireDateOf(CatalogReader catalog, long concertId, long dateId) {
        long owner = catalog.concertOfDate(dateId).orElse(-1L);
        if (owner == concertId) {
            return;
        }
        if (!catalog.concertExists(concertId)) {
            throw new ConcertException.ConcertNotFound(concertId);
        }
        throw new ConcertException.ConcertDateNotFound(concertId, dateId);
    }
}
