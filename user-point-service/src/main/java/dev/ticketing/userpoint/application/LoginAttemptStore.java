package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.LoginAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Login attempts per subject, shared by every instance of the service. */
public interface LoginAttemptStore {

    /**
     * Counts one attempt for the subject, atomically, and answers its attempts in the current window, this one
     * included. A window older than {@code window} starts again at {@code now}.
     */
    LoginAttempts count(String subject, Instant now, Duration window);

    /** The subject's attempts as stored (possibly of a window that is over). */
    Optional<LoginAttempts> find(String subject);

    /** Takes back one attempt counted for the subject (an attempt that was refused). */
    void uncount(String subject);

    /** Forgets the subject's attempts (a successful login resets its user's count). */
    void reset(String subject);

    /** Deletes the rows of windows that began before {@code before}; answers how many. */
    int purge(Instant before);
}
