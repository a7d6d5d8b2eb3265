package dev.ticketing.userpoint.infrastructure.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code user_id_sequence}: inserting one hands out the id of a user who signs up. */
@Entity
@Table(name = "user_id_sequence")
class UserIdSequenceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    long id() {
        return id;
    }
}
