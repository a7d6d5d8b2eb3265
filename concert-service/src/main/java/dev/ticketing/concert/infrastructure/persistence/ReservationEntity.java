package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.ReservedSeat;
import dev.ticketing.concert.domain.SeatToHold;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code reservation} with its seats ({@code reservation_seat}), one aggregate. Inserted once by
 * {@code persist}; every later state change is one of {@link ReservationRepository}'s conditional UPDATEs, so the
 * entity is read, mapped to the domain's {@link Reservation} and never saved again.
 */
@Entity(name = "Reservation")
@Table(name = "reservation")
class ReservationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id")
    private long userId;

    @Column(name = "concert_id")
    private long concertId;

    @Column(name = "concert_date_id")
    private long dateId;

    @Column(name = "seat_id")
    private long seatId;

    @Column(name = "seat_number")
    private int seatNumber;

    private long price;

    // VARCHAR(16) as in the schema (Hibernate would expect a native ENUM column on MySQL)
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private ReservationStatus status;

    @Column(name = "held_at")
    private Instant heldAt;

    @Column(name = "hold_expires_at")
    private Instant holdExpiresAt;

    @Column(name = "payment_id")
    private Long paymentId;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Column(name = "seat_count")
    private int seatCount;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "release_reason")
    private ReleaseReason releaseReason;

    /** Loaded for up to a release batch of reservations in one query (the job locks 200 by default). */
    @ElementCollection
    @CollectionTable(name = "reservation_seat", joinColumns = @JoinColumn(name = "reservation_id"))
    @OrderBy("seatId")
    @BatchSize(size = 200)
    private List<ReservationSeat> seats = new ArrayList<>();

    protected ReservationEntity() {
    }

    /**
     * A new HELD reservation of {@code seats} (one date, ascending seat id): the first seat stands for it in
     * {@code seat_id}/{@code seat_number}, and its price is the seats' total.
     */
    static ReservationEntity hold(long userId, List<SeatToHold> seats, Instant heldAt, Instant holdExpiresAt) {
        SeatToHold first = seats.getFirst();
        ReservationEntity reservation = new ReservationEntity();
        reservation.userId = userId;
        reservation.concertId = first.concertId();
        reservation.dateId = first.dateId();
        reservation.seatId = first.seatId();
        reservation.seatNumber = first.seatNumber();
        reservation.price = seats.stream().mapToLong(SeatToHold::price).sum();
        reservation.status = ReservationStatus.HELD;
        reservation.heldAt = heldAt;
        reservation.holdExpiresAt = holdExpiresAt;
        reservation.seatCount = seats.size();
        seats.forEach(seat -> reservation.seats.add(
                new ReservationSeat(seat.seatId(), seat.seatNumber(), seat.price())));
        return reservation;
    }

    Long id() {
        return id;
    }

    /** Reads the seats: call it while the entity manager that loaded this entity is open. */
    Reservation toDomain() {
        return toDomain(seats.stream().map(ReservationSeat::toDomain).toList());
    }

    Reservation toDomain(List<ReservedSeat> reservedSeats) {
        return new Reservation(id, userId, concertId, dateId, seatId, seatNumber, price, status, holdExpiresAt,
                paymentId, reservedSeats, releaseReason);
    }
}
