package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.domain.LoginAttempts;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface LoginAttemptRepository extends Repository<LoginAttemptEntity, String> {

    /**
     * One upsert: the row lock it takes is held to the end of the transaction, so the count read back is this
     * attempt's own, whichever instance the concurrent attempts run on. The assignments run left to right and both
     * see the old window_start: {@code attempts} first, then {@code window_start}.
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO login_attempt (subject, window_start, attempts) VALUES (:subject, :now, 1)
            ON DUPLICATE KEY UPDATE
              attempts = IF(window_start <= :expired, 1, attempts + 1),
              window_start = IF(window_start <= :expired, :now, window_start)""")
    void count(String subject, Instant now, Instant expired);

    @Query("""
            select new dev.ticketing.userpoint.domain.LoginAttempts(a.attempts, a.windowStart)
            from LoginAttemptEntity a where a.subject = :subject""")
    Optional<LoginAttempts> find(String subject);

    // Never below zero, however many refused attempts are taken back at once.
    @Modifying
    @Transactional
    @Query("update LoginAttemptEntity a set a.attempts = a.attempts - 1 where a.subject = :subject and a.attempts > 0")
    void uncount(String subject);

    @Modifying
    @Transactional
    @Query("delete from LoginAttemptEntity a where a.subject = :subject")
    void reset(String subject);

    @Modifying
    @Transactional
    @Query("delete from LoginAttemptEntity a where a.windowStart < :before")
    int purge(Instant before);
}
