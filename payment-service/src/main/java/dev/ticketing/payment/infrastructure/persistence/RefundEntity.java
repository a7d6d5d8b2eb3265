package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.domain.RefundReason;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code refund}: points owed back, recorded and moved by {@link RefundEntityRepository}. */
@Entity
@Table(name = "refund")
class RefundEntity {

    @Id
    private long id;
    private long paymentId;
    private long userId;
    private long amount;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private RefundReason reason;
    private String idempotencyKey;
    /** PENDING until user-point-service confirms, then DONE */
    private String status;
    private int tries;
    private Instant nextTryAt;
    private String lastError;
    private Instant createdAt;
    private Instant completedAt;

    protected RefundEntity() {
    }
}
