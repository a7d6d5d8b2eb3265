package dev.ticketing.events.outbox;

import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.Topics;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Writes outbox rows with plain JDBC on the transaction's own connection, so JPA and JDBC users share one commit. */
public class JdbcEventOutbox implements EventOutbox {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final TraceContextCapture traceContext;
    private final Clock clock;

    public JdbcEventOutbox(JdbcTemplate jdbc, OutboxRelay relay, TraceContextCapture traceContext, Clock clock) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.traceContext = traceContext;
        this.clock = clock;
    }

    @Override
    public void add(DomainEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Event " + event.eventType()
                    + " must be added inside the transaction of the state change it describes");
        }
        jdbc.update("""
                INSERT INTO outbox_event (event_id, topic, message_key, event_type, schema_version, payload,
                                          trace_parent, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.eventId().toString(), Topics.of(event), event.key(), event.eventType(), event.schemaVersion(),
                EventCodec.toJson(event), traceContext.currentTraceParent(),
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        // Publishing right after the commit keeps commit-to-Kafka latency in milliseconds; the relay's periodic
        // poll is only the safety net for a wake-up lost to a crash.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
