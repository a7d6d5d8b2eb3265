package dev.ticketing.events.it;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.Topics;
import dev.ticketing.events.inbox.EventInbox;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A consumer written the way services write theirs: inbox row and effect in one transaction. */
@Component
public class AppliedEventsListener {

    static final String CONSUMER = "events-test.applied";

    private final JdbcTemplate jdbc;
    private final EventInbox inbox;
    private final TransactionTemplate transaction;
    private final Map<UUID, CompletableFuture<Long>> appliedAt = new ConcurrentHashMap<>();

    AppliedEventsListener(JdbcTemplate jdbc, EventInbox inbox, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.transaction = transaction;
    }

    @KafkaListener(topics = Topics.RESERVATION_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        EventCodec.fromRecord(record).ifPresent(event -> transaction.executeWithoutResult(status -> {
            if (event instanceof SeatReserved reserved && inbox.firstDelivery(CONSUMER, reserved.eventId())) {
                jdbc.update("INSERT INTO applied_event (event_id, reservation_id, seq) VALUES (?, ?, ?)",
                        reserved.eventId().toString(), reserved.reservationId(), reserved.seatNumber());
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        applied(reserved.eventId()).complete(System.nanoTime());
                    }
                });
            }
        }));
    }

    /** Completes with System.nanoTime() once the effect of {@code eventId} is committed. */
    public CompletableFuture<Long> applied(UUID eventId) {
        return appliedAt.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }
}
