package dev.ticketing.concert.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code user_hold_guard}: one per user who ever held a seat, locked by each of their holds (HoldSeat). */
@Entity(name = "UserHoldGuard")
@Table(name = "user_hold_guard")
class UserHoldGuardEntity {

    @Id
    @Column(name = "user_id")
    private Long userId;

    protected UserHoldGuardEntity() {
    }
}
