package dev.ticketing.userpoint.infrastructure.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code login_attempt}: a subject's attempts in its window, upserted by {@link LoginAttemptRepository}. */
@Entity
@Table(name = "login_attempt")
class LoginAttemptEntity {

    @Id
    private String subject;
    private Instant windowStart;
    private int attempts;

    protected LoginAttemptEntity() {
    }
}
