package dev.ticketing.support.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes keys older than the retention. Needs no leader: every instance may run it at the same time, each batch
 * deleting only expired rows that no other instance's batch holds (see {@link JdbcIdempotencyStore#purgeExpired}).
 */
public class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final Clock clock;

    public IdempotencyPurge(IdempotencyStore store, IdempotencyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ticketing.idempotency.purge-interval:10m}",
            initialDelayString = "${ticketing.idempotency.purge-interval:10m}")
    public void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Purging expired idempotency keys failed; the next run tries again: {}", e.toString());
        }
    }

    /** Deletes every key expired as of now, a batch per statement; the number deleted. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeExpired(clock.instant(), properties.purgeBatchSize());
            total += deleted;
        } while (deleted == properties.purgeBatchSize());
        if (total > 0) {
            log.info("Purged {} expired idempotency keys", total);
        }
        return total;
    }
}
