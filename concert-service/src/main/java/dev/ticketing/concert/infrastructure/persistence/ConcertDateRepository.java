package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.ConcertDateAvailability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ConcertDateRepository extends Repository<ConcertDateEntity, Long> {

    @Query("select d.concertId from ConcertDate d where d.id = :dateId")
    Optional<Long> concertOf(long dateId);

    /** One query, counted on ix_seat_date_status (index only); the plan is in docs/benchmarks/concert-service.md. */
    @Query("""
            select new dev.ticketing.concert.domain.ConcertDateAvailability(
                d.id, d.concertId, d.startsAt, cast(count(s.id) as Integer))
            from ConcertDate d
            join Seat s on s.dateId = d.id and s.status = dev.ticketing.concert.domain.SeatStatus.AVAILABLE
            where d.concertId = :concertId and d.startsAt > :now
            group by d.id, d.concertId, d.startsAt
            order by d.startsAt, d.id""")
    List<ConcertDateAvailability> withAvailableSeats(long concertId, Instant now);
}
