package dev.ticketing.userpoint.infrastructure.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code point_balance}: changed only by the conditional updates of {@link PointBalanceRepository}. */
@Entity
@Table(name = "point_balance")
class PointBalanceEntity {

    @Id
    private long userId;
    private long balance;
    private Instant updatedAt;

    protected PointBalanceEntity() {
    }
}
