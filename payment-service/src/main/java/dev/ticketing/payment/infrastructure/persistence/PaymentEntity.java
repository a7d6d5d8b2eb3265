package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.domain.PaymentStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code payment}: created and moved only by the statements of {@link PaymentEntityRepository}. */
@Entity
@Table(name = "payment")
class PaymentEntity {

    @Id
    private long id;
    private long reservationId;
    private long userId;
    private long seatId;
    private long amount;
    @Enumerated(EnumType.STRING)
    // the column is a VARCHAR, not MySQL's ENUM (Hibernate's default for enums there)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private PaymentStatus status;
    private int attempt;
    private Instant createdAt;
    private Instant attemptedAt;
    private Instant completedAt;
    private Instant refundedAt;

    protected PaymentEntity() {
    }
}
