package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.domain.ReservationStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code reservation_view}: what payments knows of a reservation, from concert-service's events. */
@Entity
@Table(name = "reservation_view")
class ReservationViewEntity {

    @Id
    private long reservationId;
    private long userId;
    private long seatId;
    private Long price;
    private Instant holdExpiresAt;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private ReservationStatus status;
    private Instant updatedAt;

    protected ReservationViewEntity() {
    }
}
