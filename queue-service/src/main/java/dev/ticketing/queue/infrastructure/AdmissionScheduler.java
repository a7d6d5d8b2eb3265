package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.domain.QueueError;
import dev.ticketing.queue.domain.RoomId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Visits every room on every instance, every {@code ticketing.queue.scheduler-period}: opens it when its opening is
 * due, and runs its admission round when the room's interval has passed. No leader election is needed: the opening
 * and the round are atomic scripts that check, in Redis, whether they are due, so instances running them at once
 * open a room once and admit at the room's rate, never beyond capacity. Metrics are per room (tag {@code room}).
 */
@Component
@ConditionalOnProperty(name = "ticketing.queue.scheduler-enabled", havingValue = "true", matchIfMissing = true)
public class AdmissionScheduler {

    private static final Logger log = LoggerFactory.getLogger(AdmissionScheduler.class);

    private final QueueService queue;
    private final QueueStore store;
    private final MeterRegistry registry;
    private final Map<RoomId, RoomMeters> meters = new ConcurrentHashMap<>();

    public AdmissionScheduler(QueueService queue, QueueStore store, MeterRegistry registry) {
        this.queue = queue;
        this.store = store;
        this.registry = registry;
    }

    @Scheduled(fixedDelayString = "${ticketing.queue.scheduler-period:1s}",
            initialDelayString = "${ticketing.queue.scheduler-period:1s}")
    public void tick() {
        try {
            for (RoomId room : store.rooms()) {
                tick(room);
            }
        } catch (QueueError.DependencyUnavailable e) {
            // Redis is away: nothing was applied; the next tick catches up.
            log.warn("Queue tick skipped: {}", e.getMessage());
        }
    }

    private void tick(RoomId room) {
        RoomMeters roomMeters = meters.computeIfAbsent(room, this::register);
        Timer.Sample sample = Timer.start(registry);
        QueueStore.TickResult result = queue.admit(room);
        if (!result.ran()) {
            return; // another instance ran this round
        }
        sample.stop(roomMeters.tick());
        roomMeters.admitted().increment(result.admitted());
        roomMeters.expired().increment(result.expired());
        roomMeters.waiting().set(result.waiting());
        roomMeters.active().set(result.active());
        if (result.admitted() > 0 || result.expired() > 0) {
            log.info("Queue tick of room {}: expired {}, admitted {}, now {} active and {} waiting", room,
                    result.expired(), result.admitted(), result.active(), result.waiting());
        }
    }

    private RoomMeters register(RoomId room) {
        String tag = room.value();
        AtomicLong waiting = new AtomicLong();
        AtomicLong active = new AtomicLong();
        Gauge.builder("queue.waiting", waiting, AtomicLong::get).tag("room", tag)
                .description("Waiting (and pre-queued) tokens of the room at its last round").register(registry);
        Gauge.builder("queue.active", active, AtomicLong::get).tag("room", tag)
                .description("Active tokens of the room at its last round").register(registry);
        return new RoomMeters(
                Timer.builder("queue.tick").tag("room", tag).description("Duration of one admission round")
                        .register(registry),
                Counter.builder("queue.admitted").tag("room", tag).description("Tokens admitted by this instance")
                        .register(registry),
                Counter.builder("queue.expired").tag("room", tag)
                        .description("Active tokens expired by this instance").register(registry),
                waiting, active);
    }

    private record RoomMeters(Timer tick, Counter admitted, Counter expired, AtomicLong waiting, AtomicLong active) {
    }
}
