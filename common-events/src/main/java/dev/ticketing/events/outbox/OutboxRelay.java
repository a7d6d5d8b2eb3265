package dev.ticketing.events.outbox;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order and marks them published, at least once.
 *
 * <p>One relay at a time: a pass first takes the single row of {@code outbox_relay_lock} with
 * {@code FOR UPDATE SKIP LOCKED}. Other instances skip instead of waiting, so two instances never publish the same row
 * in normal operation, and global id order (hence per-key order) is kept. If the instance holding the lock dies, its
 * connection drops, the database releases the lock and the next pass of another instance carries on: nothing stalls.
 * A batch is marked published only after Kafka acknowledged every record of it ({@code acks=all}); a failure rolls
 * the batch back and it is sent again later, which consumers absorb through their inbox.
 *
 * <p>Every record carries the CloudEvents attributes as headers ({@link EventHeaders}): {@code ce_id} the event id,
 * {@code ce_source} this service, {@code ce_type} the event type and major version, {@code ce_time} when it
 * occurred, and the writer's {@code traceparent} when it was traced.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final TraceContextCapture traceContext;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String source;
    private final AtomicBoolean passRequested = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
            TraceContextCapture traceContext, OutboxProperties properties, Clock clock, String source) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.traceContext = traceContext;
        this.properties = properties;
        this.clock = clock;
        this.source = source;
    }

    /** Asks for a pass soon. Calls arriving while one is pending coalesce into it. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && passRequested.compareAndSet(false, true)) {
            current.execute(this::drain);
        }
    }

    /** Publishes until the outbox is empty or a pass fails. Returns the number of rows published. */
    public int drain() {
        passRequested.set(false);
        int total = 0;
        try {
            int published;
            do {
                published = publishBatch();
                total += published;
            } while (published == properties.batchSize());
        } catch (RuntimeException e) {
            // The broker is down or slow: the rows stay in the outbox and the next poll tries again.
            log.warn("Outbox relay pass failed after {} events; will retry: {}", total, e.toString());
        }
        return total;
    }

    /** One batch in one transaction; 0 when another instance holds the relay lock or nothing is pending. */
    public int publishBatch() {
        Integer published = transaction.execute(status -> {
            List<String> lock = jdbc.queryForList(
                    "SELECT name FROM outbox_relay_lock WHERE name = 'relay' FOR UPDATE SKIP LOCKED", String.class);
            if (lock.isEmpty()) {
                return 0;
            }
            List<PendingEvent> batch = jdbc.query("""
                    SELECT id, event_id, topic, message_key, event_type, schema_version, payload, trace_parent,
                           created_at
                    FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ?""",
                    (rs, i) -> new PendingEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
                            rs.getString("message_key"), rs.getString("event_type"), rs.getString("schema_version"),
                            rs.getString("payload"), rs.getString("trace_parent"),
                            rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)),
                    properties.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, String>>> acks = new ArrayList<>(batch.size());
            for (PendingEvent event : batch) {
                acks.add(traceContext.inTraceOf(event.traceParent(), "outbox publish " + event.eventType(),
                        () -> kafka.send(event.toRecord(source))));
            }
            awaitAll(acks, properties.sendTimeout());
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            jdbc.batchUpdate("UPDATE outbox_event SET published_at = ? WHERE id = ?",
                    batch.stream().map(e -> new Object[] {now, e.id()}).toList());
            return batch.size();
        });
        return published == null ? 0 : published;
    }

    /** Deletes published rows older than the retention, in bounded batches so no long lock is taken. */
    public int deletePublished() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(properties.retention()),
                ZoneOffset.UTC);
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("DELETE FROM outbox_event WHERE published_at < ? ORDER BY id LIMIT 1000", cutoff);
            total += deleted;
        } while (deleted == 1000);
        return total;
    }

    public long backlog() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }

    /** How long the oldest unpublished event has waited (zero when none waits): late events, not just many. */
    public Duration oldestPendingAge() {
        List<LocalDateTime> oldest = jdbc.queryForList(
                "SELECT created_at FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT 1",
                LocalDateTime.class);
        if (oldest.isEmpty()) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(oldest.getFirst().toInstant(ZoneOffset.UTC), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    private static void awaitAll(List<CompletableFuture<SendResult<String, String>>> acks, Duration timeout) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor = started;
        long poll = properties.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::wakeUp, poll, poll, TimeUnit.MILLISECONDS);
        long cleanup = properties.cleanupInterval().toMillis();
        started.scheduleWithFixedDelay(this::cleanUpQuietly, cleanup, cleanup, TimeUnit.MILLISECONDS);
    }

    private void cleanUpQuietly() {
        try {
            int deleted = deletePublished();
            if (deleted > 0) {
                log.info("Deleted {} published outbox rows older than {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Outbox clean-up failed; will retry: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops before the Kafka producer and the data source, starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private record PendingEvent(long id, String eventId, String topic, String key, String eventType,
            String schemaVersion, String payload, String traceParent, Instant createdAt) {

        ProducerRecord<String, String> toRecord(String source) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            // CloudEvents 1.0, Kafka binding, binary mode: the attributes as headers, the value is the data.
            header(record, EventHeaders.CE_ID, eventId);
            header(record, EventHeaders.CE_SOURCE, source);
            header(record, EventHeaders.CE_TYPE, EventHeaders.typeOf(eventType, schemaVersion));
            header(record, EventHeaders.CE_SPECVERSION, EventHeaders.SPEC_VERSION);
            // The payload says when it happened; a row without occurredAt (none today) falls back to when it was
            // written, which is the same commit.
            header(record, EventHeaders.CE_TIME, EventCodec.occurredAt(payload).orElse(createdAt).toString());
            header(record, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
            header(record, EventHeaders.EVENT_ID, eventId);
            header(record, EventHeaders.EVENT_TYPE, eventType);
            header(record, EventHeaders.SCHEMA_VERSION, schemaVersion);
            if (traceParent != null) {
                // Where a tracer runs, the producer observation replaces it with the publication's own span, a
                // child of this one (same trace id); without one, consumers still get the writer's context.
                header(record, EventHeaders.TRACE_PARENT, traceParent);
            }
            return record;
        }

        private static void header(ProducerRecord<String, String> record, String name, String value) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
