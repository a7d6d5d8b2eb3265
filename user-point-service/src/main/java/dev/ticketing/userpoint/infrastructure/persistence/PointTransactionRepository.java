package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.domain.PointTransaction;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface PointTransactionRepository extends Repository<PointTransactionEntity, Long> {

    PointTransactionEntity save(PointTransactionEntity transaction);

    // Per user, ids grow in the order changes were applied: each insert happens while the balance row is locked.
    @Query("""
            select new dev.ticketing.userpoint.domain.PointTransaction(
                t.id, t.userId, t.type, t.amount, t.balanceAfter, t.createdAt)
            from PointTransactionEntity t where t.userId = :userId order by t.id desc limit :limit offset :offset""")
    List<PointTransaction> history(long userId, long offset, int limit);

    long countByUserId(long userId);
}
