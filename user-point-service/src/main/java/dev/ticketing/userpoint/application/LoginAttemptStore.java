package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.LoginAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Login attempts per subject, shared by every instance of the service. */
public interface LoginAttemptStore {

    /**
     * Counts one attempt for each subject (in this order, in one transaction) and answers each subject's attempts in
     * its current window, this one included. A window older than {@code window} starts again at {@code now}.
     */
    List<LoginAttempts> count(List<String> subjects, Instant now, Duration window);

    /** Takes back one attempt counted for the subject (an attempt that was refused or succeeded). */
    void uncount(String subject);

    /** Forgets the subject's attempts (a successful login resets its user's count). */
    void reset(String subject);

    /** Deletes the rows of windows that began before {@code before}; answers how many. */
    int purge(Instant before);
}
