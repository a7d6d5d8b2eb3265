package dev.ticketing.concert.infrastructure.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code concert}; read through projections only (the catalogue is written by Flyway's data scripts). */
@Entity(name = "Concert")
@Table(name = "concert")
class ConcertEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private String artist;

    protected ConcertEntity() {
    }
}
