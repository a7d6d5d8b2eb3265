package dev.ticketing.userpoint.infrastructure.persistence;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Balances. Every change is one conditional UPDATE: its WHERE clause, evaluated on the locked row, is the rule. */
interface PointBalanceRepository extends Repository<PointBalanceEntity, Long> {

    @Query("select b.balance from PointBalanceEntity b where b.userId = :userId")
    Optional<Long> balanceOf(long userId);

    @Modifying
    @Transactional
    @Query(nativeQuery = true,
            value = "INSERT INTO point_balance (user_id, balance, updated_at) VALUES (:userId, 0, :at)")
    void open(long userId, Instant at);

    // Safe under concurrency: the condition is evaluated on the locked row, and written as ceiling - amount so that it
    // cannot overflow.
    @Modifying
    @Transactional
    @Query("""
            update PointBalanceEntity b set b.balance = b.balance + :amount, b.updatedAt = :at
            where b.userId = :userId and b.balance <= :ceiling - :amount""")
    int credit(long userId, long amount, long ceiling, Instant at);

    // Safe under concurrency: the condition is evaluated on the locked row, so two debits can never both see the same
    // old balance.
    @Modifying
    @Transactional
    @Query("""
            update PointBalanceEntity b set b.balance = b.balance - :amount, b.updatedAt = :at
            where b.userId = :userId and b.balance >= :amount""")
    int debit(long userId, long amount, Instant at);
}
