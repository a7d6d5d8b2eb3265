package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.LoginAttemptStore;
import dev.ticketing.userpoint.domain.LoginAttempts;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcLoginAttempts implements LoginAttemptStore {

    private final JdbcClient jdbc;

    JdbcLoginAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One upsert: the row lock it takes is held to the end of the transaction, so the count read back is this
     * attempt's own, whichever instance the concurrent attempts run on. The assignments run left to right and both
     * see the old window_start: {@code attempts} first, then {@code window_start}.
     */
    @Override
    @Transactional
    public LoginAttempts count(String subject, Instant now, Duration window) {
        jdbc.sql("""
                        INSERT INTO login_attempt (subject, window_start, attempts) VALUES (:subject, :now, 1)
                        ON DUPLICATE KEY UPDATE
                          attempts = IF(window_start <= :expired, 1, attempts + 1),
                          window_start = IF(window_start <= :expired, :now, window_start)""")
                .param("subject", subject).param("now", Timestamp.from(now))
                .param("expired", Timestamp.from(now.minus(window)))
                .update();
        return find(subject).orElseThrow();
    }

    @Override
    public Optional<LoginAttempts> find(String subject) {
        return jdbc.sql("SELECT attempts, window_start FROM login_attempt WHERE subject = ?")
                .param(subject)
                .query((rs, row) -> new LoginAttempts(rs.getInt("attempts"),
                        rs.getTimestamp("window_start").toInstant()))
                .optional();
    }

    @Override
    public void uncount(String subject) {
        jdbc.sql("UPDATE login_attempt SET attempts = attempts - 1 WHERE subject = ? AND attempts > 0")
                .param(subject).update();
    }

    @Override
    public void reset(String subject) {
        jdbc.sql("DELETE FROM login_attempt WHERE subject = ?").param(subject).update();
    }

    @Override
    public int purge(Instant before) {
        return jdbc.sql("DELETE FROM login_attempt WHERE window_start < ?").param(Timestamp.from(before)).update();
    }
}
