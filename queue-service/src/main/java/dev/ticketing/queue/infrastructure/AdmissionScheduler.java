package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.domain.DependencyUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the admission tick on every instance. No leader election is needed: the tick is one atomic script, so
 * instances ticking at once only admit more often, never beyond capacity.
 */
@Component
@ConditionalOnProperty(name = "ticketing.queue.scheduler-enabled", havingValue = "true", matchIfMissing = true)
public class AdmissionScheduler {

    private static final Logger log = LoggerFactory.getLogger(AdmissionScheduler.class);

    private final QueueService queue;
    private final Timer tickTimer;
    private final Counter admitted;
    private final Counter expired;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong active = new AtomicLong();

    public AdmissionScheduler(QueueService queue, MeterRegistry registry) {
        this.queue = queue;
        this.tickTimer = Timer.builder("queue.tick").description("Duration of one admission tick").register(registry);
        this.admitted = Counter.builder("queue.admitted").description("Tokens admitted by this instance")
                .register(registry);
        this.expired = Counter.builder("queue.expired").description("Active tokens expired by this instance")
                .register(registry);
        Gauge.builder("queue.waiting", waiting, AtomicLong::get).description("Waiting tokens at the last tick")
                .register(registry);
        Gauge.builder("queue.active", active, AtomicLong::get).description("Active tokens at the last tick")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${ticketing.queue.admission-interval:5s}",
            initialDelayString = "${ticketing.queue.admission-interval:5s}")
    public void tick() {
        try {
            QueueStore.TickResult result = tickTimer.record(queue::admit);
            admitted.increment(result.admitted());
            expired.increment(result.expired());
            waiting.set(result.waiting());
            active.set(result.active());
            if (result.admitted() > 0 || result.expired() > 0) {
                log.info("Queue tick: expired {}, admitted {}, now {} active and {} waiting", result.expired(),
                        result.admitted(), result.active(), result.waiting());
            }
        } catch (DependencyUnavailableException e) {
            // Redis is away: nothing was applied; the next tick catches up.
            log.warn("Queue tick skipped: {}", e.getMessage());
        }
    }
}
