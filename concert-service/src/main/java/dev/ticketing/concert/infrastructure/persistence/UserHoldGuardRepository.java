package dev.ticketing.concert.infrastructure.persistence;

import java.util.List;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface UserHoldGuardRepository extends Repository<UserHoldGuardEntity, Long> {

    boolean existsById(Long userId);

    // In a transaction of its own, committed before the hold's: concurrent first holds of one user wait at most for
    // this one-row commit, never in a cycle (an upsert inside the hold's transaction deadlocked on the lock upgrade).
    @Transactional
    @Modifying
    @Query(value = "INSERT IGNORE INTO user_hold_guard (user_id) VALUES (:userId)", nativeQuery = true)
    int create(long userId);

    // The row exists and is committed: a primary-key SELECT ... FOR UPDATE takes one exclusive record lock at once,
    // no shared lock to upgrade and no gap lock, so the holds of one user queue, never deadlock.
    @Query(value = "SELECT user_id FROM user_hold_guard WHERE user_id = :userId FOR UPDATE", nativeQuery = true)
    List<Long> lock(long userId);
}
