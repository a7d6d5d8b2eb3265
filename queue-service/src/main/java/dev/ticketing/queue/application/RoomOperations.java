package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.AdmissionRate;
import dev.ticketing.queue.domain.QueueError;
import dev.ticketing.queue.domain.QueueError.RoomChangeRefused.Reason;
import dev.ticketing.queue.domain.RoomChange;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.RoomSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What an operator does with a room while the crowd is in line: read it, change its capacity and admission interval,
 * pause and resume admissions, set or move its opening. Every change is applied in Redis with its audit entry in one
 * step, so every instance's next round uses it; no restart.
 */
@Service
public class RoomOperations {

    private static final Logger audit = LoggerFactory.getLogger("dev.ticketing.queue.audit");

    private final QueueStore store;
    private final QueueService queue;
    private final Clock clock;

    public RoomOperations(QueueStore store, QueueService queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    public RoomStats stats(RoomId room) {
        Instant now = clock.instant();
        QueueStore.RoomSnapshot snapshot = store.snapshot(room, now);
        RoomSettings settings = queue.settings(room, snapshot);
        boolean preQueue = settings.opensAt() != null && snapshot.openedAt() == null;
        AdmissionRate rate = queue.rate(settings, snapshot.admittedRecently());
        Long waitAtBack = snapshot.waiting() == 0 || preQueue ? null
                : rate.estimatedWaitSeconds(snapshot.waiting() - 1, snapshot.activeNow());
        Long oldestAge = snapshot.oldestWaitingIssuedAt() == null ? null
                : Math.max(0, Duration.between(snapshot.oldestWaitingIssuedAt(), now).toSeconds());
        return new RoomStats(room, status(settings, snapshot), preQueue ? 0 : snapshot.waiting(),
                preQueue ? snapshot.waiting() : 0, snapshot.activeNow(), snapshot.admittedLastMinute(),
                rate.perSecond(), waitAtBack, oldestAge, settings, snapshot.openedAt(), snapshot.seed(),
                snapshot.shuffled());
    }

    public RoomChange changeLimits(RoomId room, long operatorId, Integer capacity, Long admissionIntervalMillis) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (capacity != null) {
            fields.put("capacity", Integer.toString(capacity));
        }
        if (admissionIntervalMillis != null) {
            fields.put("intervalMs", Long.toString(admissionIntervalMillis));
        }
        return apply(room, operatorId, "SET_LIMITS", fields);
    }

    public RoomChange pause(RoomId room, long operatorId) {
        return apply(room, operatorId, "PAUSE", Map.of("paused", "1"));
    }

    public RoomChange resume(RoomId room, long operatorId) {
        return apply(room, operatorId, "RESUME", Map.of("paused", "0"));
    }

    public RoomChange setOpensAt(RoomId room, long operatorId, Instant opensAt) {
        if (!opensAt.isAfter(clock.instant())) {
            throw new QueueError.RoomChangeRefused(Reason.OPENS_AT_NOT_IN_FUTURE, "opensAt must be in the future");
        }
        return apply(room, operatorId, "SET_OPENS_AT", Map.of("opensAt", Long.toString(opensAt.toEpochMilli())));
    }

    /** The room's audit entries, oldest first. */
    public List<RoomChange> audit(RoomId room) {
        return store.audit(room);
    }

    private RoomChange apply(RoomId room, long operatorId, String action, Map<String, String> fields) {
        QueueStore.Change change = store.change(room, operatorId, action, fields, clock.instant());
        return switch (change.outcome()) {
            case OK -> {
                audit.info("Room {}: operator {} {}: {} -> {}", room, operatorId, action, change.entry().before(),
                        change.entry().after());
                yield change.entry();
            }
            case ALREADY_OPEN -> throw new QueueError.RoomChangeRefused(Reason.ALREADY_OPEN,
                    "The room has opened already; an opening happens once");
            case ROOM_IN_USE -> throw new QueueError.RoomChangeRefused(Reason.ROOM_IN_USE,
                    "The room already admits first come, first served; an opening would shuffle people in line");
            case OPENS_AT_NOT_IN_FUTURE -> throw new QueueError.RoomChangeRefused(Reason.OPENS_AT_NOT_IN_FUTURE,
                    "opensAt must be in the future");
        };
    }

    private static RoomStatus status(RoomSettings settings, QueueStore.RoomSnapshot snapshot) {
        if (settings.opensAt() != null && snapshot.openedAt() == null) {
            return RoomStatus.PRE_QUEUE;
        }
        return settings.paused() ? RoomStatus.PAUSED : RoomStatus.OPEN;
    }

    public enum RoomStatus {
        PRE_QUEUE, OPEN, PAUSED
    }

    /**
     * @param waiting       in line after the opening (or in a room without one)
     * @param preQueued     joined before the opening, not yet drawn
     * @param waitAtBack    the estimated wait of whoever joins now (null when nobody waits or before the opening)
     * @param oldestWaitAge seconds since the token at the head of the line was issued
     */
    public record RoomStats(RoomId room, RoomStatus status, long waiting, long preQueued, long active,
                            long admittedLastMinute, double admissionRatePerSecond, Long waitAtBack,
                            Long oldestWaitAge, RoomSettings settings, Instant openedAt, Long seed, Long shuffled) {
    }
}
