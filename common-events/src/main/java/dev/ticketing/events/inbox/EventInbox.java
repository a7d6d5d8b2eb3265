package dev.ticketing.events.inbox;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotent consumption: a consumer records each event id it applies in the same transaction as the effect. A
 * redelivered event finds its id and is skipped; two concurrent deliveries of one event serialize on the primary key,
 * and the second finds the first one's row once it commits.
 */
public class EventInbox {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public EventInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time {@code consumer} sees {@code eventId}: apply the effect. False on a redelivery: skip it. */
    public boolean firstDelivery(String consumer, UUID eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The inbox must share the transaction of the effect it guards");
        }
        try {
            jdbc.update("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)",
                    consumer, eventId.toString(), LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException alreadyApplied) {
            return false;
        }
    }
}
