package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.domain.TransactionType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the ledger, {@code point_transaction}: written once, in the transaction that changed the balance. */
@Entity
@Table(name = "point_transaction")
class PointTransactionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long userId;
    @Enumerated(EnumType.STRING)
    // the column is a VARCHAR with a CHECK, not MySQL's ENUM (Hibernate's default for enums there)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private TransactionType type;
    private long amount;
    private long balanceAfter;
    private Instant createdAt;

    protected PointTransactionEntity() {
    }

    PointTransactionEntity(long userId, TransactionType type, long amount, long balanceAfter, Instant createdAt) {
        this.userId = userId;
        this.type = type;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.createdAt = createdAt;
    }

    long id() {
        return id;
    }
}
