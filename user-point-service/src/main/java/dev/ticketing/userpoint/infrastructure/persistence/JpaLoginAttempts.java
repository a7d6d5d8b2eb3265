package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.application.LoginAttemptStore;
import dev.ticketing.userpoint.domain.LoginAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JpaLoginAttempts implements LoginAttemptStore {

    private final LoginAttemptRepository attempts;

    JpaLoginAttempts(LoginAttemptRepository attempts) {
        this.attempts = attempts;
    }

    /** The upsert and the read of its result in one transaction: the read sees the row as the upsert left it. */
    @Override
    @Transactional
    public LoginAttempts count(String subject, Instant now, Duration window) {
        attempts.count(subject, now, now.minus(window));
        return find(subject).orElseThrow();
    }

    @Override
    public Optional<LoginAttempts> find(String subject) {
        return attempts.find(subject);
    }

    @Override
    public void uncount(String subject) {
        attempts.uncount(subject);
    }

    @Override
    public void reset(String subject) {
        attempts.reset(subject);
    }

    @Override
    public int purge(Instant before) {
        return attempts.purge(before);
    }
}
