package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.ReleaseExpiredHolds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the release job on every instance; the job itself makes concurrent runs safe (see ReleaseExpiredHolds). */
@Component
@ConditionalOnBooleanProperty(name = "concert.release.enabled", matchIfMissing = true)
class ReleaseScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReleaseScheduler.class);

    private final ReleaseExpiredHolds releaseExpiredHolds;

    ReleaseScheduler(ReleaseExpiredHolds releaseExpiredHolds) {
        this.releaseExpiredHolds = releaseExpiredHolds;
    }

    @Scheduled(fixedDelayString = "${concert.release.interval:1m}", initialDelayString = "${concert.release.interval:1m}")
    void releaseExpiredHolds() {
        try {
            int released = releaseExpiredHolds.releaseAllExpired();
            if (released > 0) {
                log.info("Released {} expired holds", released);
            }
        } catch (RuntimeException e) {
            // The database is unreachable or a batch deadlocked: nothing was half-done, the next run retries.
            log.warn("Release of expired holds failed; will retry next run: {}", e.toString());
        }
    }
}
