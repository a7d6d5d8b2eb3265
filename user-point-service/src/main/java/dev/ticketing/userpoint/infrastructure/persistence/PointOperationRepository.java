package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.domain.TransactionType;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface PointOperationRepository extends Repository<PointOperationEntity, PointOperationEntity.Key> {

    /** A stored outcome with its applied transaction (the transaction's columns are null for a refusal). */
    interface StoredOutcome {
        String getOutcome();

        long getAmount();

        Long getBalanceSeen();

        Long getTransactionId();

        TransactionType getTransactionType();

        Long getTransactionAmount();

        Long getBalanceAfter();

        Instant getTransactionCreatedAt();
    }

    // The primary key (user, type, key) makes a key count once: a second insert of it fails with a duplicate key, its
    // transaction rolls back, and the caller answers the stored outcome instead (never a second debit).
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO point_operation
                (user_id, type, idempotency_key, outcome, amount, transaction_id, balance_seen, created_at)
            VALUES (:userId, :type, :key, :outcome, :amount, :transactionId, :balanceSeen, :at)""")
    void insert(long userId, String type, String key, String outcome, long amount, Long transactionId,
            Long balanceSeen, Instant at);

    @Query("""
            select o.outcome as outcome, o.amount as amount, o.balanceSeen as balanceSeen,
                   t.id as transactionId, t.type as transactionType, t.amount as transactionAmount,
                   t.balanceAfter as balanceAfter, t.createdAt as transactionCreatedAt
            from PointOperationEntity o left join PointTransactionEntity t on t.id = o.transactionId
            where o.userId = :userId and o.type = :type and o.idempotencyKey = :key""")
    Optional<StoredOutcome> find(long userId, TransactionType type, String key);
}
