package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.application.CatalogReader;
import dev.ticketing.concert.domain.Concert;
import dev.ticketing.concert.domain.ConcertDateAvailability;
import dev.ticketing.concert.domain.SeatView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every read is one query with a projection: nothing is loaded into a persistence context just to be read. */
@Component
class JpaCatalogReader implements CatalogReader {

    private final ConcertRepository concerts;
    private final ConcertDateRepository dates;
    private final SeatRepository seats;

    JpaCatalogReader(ConcertRepository concerts, ConcertDateRepository dates, SeatRepository seats) {
        this.concerts = concerts;
        this.dates = dates;
        this.seats = seats;
    }

    @Override
    public List<Concert> concerts() {
        return concerts.concerts();
    }

    @Override
    public boolean concertExists(long concertId) {
        return concerts.existsById(concertId);
    }

    @Override
    public Optional<Long> concertOfDate(long dateId) {
        return dates.concertOf(dateId);
    }

    @Override
    public List<ConcertDateAvailability> datesWithAvailableSeats(long concertId, Instant now) {
        return dates.withAvailableSeats(concertId, now);
    }

    @Override
    public List<SeatView> seats(long dateId, boolean availableOnly) {
        return availableOnly ? seats.availableOf(dateId) : seats.allOf(dateId);
    }
}
