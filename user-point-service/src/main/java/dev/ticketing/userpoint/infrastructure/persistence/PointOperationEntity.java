package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.domain.TransactionType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code point_operation}: the first outcome of an idempotency key ({@link PointOperationRepository}). */
@Entity
@Table(name = "point_operation")
@IdClass(PointOperationEntity.Key.class)
class PointOperationEntity {

    record Key(long userId, TransactionType type, String idempotencyKey) {
    }

    @Id
    private long userId;
    @Id
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private TransactionType type;
    @Id
    private String idempotencyKey;
    private String outcome;
    private long amount;
    private Long transactionId;
    private Long balanceSeen;
    private Instant createdAt;

    protected PointOperationEntity() {
    }
}
