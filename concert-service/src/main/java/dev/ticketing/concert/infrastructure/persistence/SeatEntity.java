package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.SeatStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code seat}. Its status and holder change only through {@link SeatRepository}'s conditional UPDATEs, never
 * by loading and saving the entity: the re-checked {@code WHERE status = ...} is what makes a seat impossible to hold
 * or sell twice.
 */
@Entity(name = "Seat")
@Table(name = "seat")
class SeatEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "concert_date_id")
    private long dateId;

    @Column(name = "seat_number")
    private int seatNumber;

    private long price;

    // VARCHAR(16) as in the schema (Hibernate would expect a native ENUM column on MySQL)
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private SeatStatus status;

    @Column(name = "reservation_id")
    private Long reservationId;

    protected SeatEntity() {
    }
}
