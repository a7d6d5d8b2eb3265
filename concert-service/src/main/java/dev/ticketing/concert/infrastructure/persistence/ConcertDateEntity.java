package dev.ticketing.concert.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code concert_date}. Aggregates refer to each other by id, as the domain does: no association to load, so
 * no read can pull a graph by accident; the queries join explicitly.
 */
@Entity(name = "ConcertDate")
@Table(name = "concert_date")
class ConcertDateEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "concert_id")
    private long concertId;

    @Column(name = "starts_at")
    private Instant startsAt;

    protected ConcertDateEntity() {
    }
}
