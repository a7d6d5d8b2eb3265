package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.Concert;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ConcertRepository extends Repository<ConcertEntity, Long> {

    @Query("select new dev.ticketing.concert.domain.Concert(c.id, c.title, c.artist) from Concert c order by c.id")
    List<Concert> concerts();

    boolean existsById(Long concertId);
}
