package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.domain.QueueError;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomChange;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.RoomSettings;
import dev.ticketing.queue.domain.TokenStanding;
import io.lettuce.core.RedisConnectionException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The waiting rooms in Redis (key layout in README.md). Each operation is one Lua script, so it is atomic and costs
 * one round trip; scripts declare their flags so Redis refuses a writing script before it starts when out of memory
 * instead of failing half-way.
 */
@Component
public class RedisQueueStore implements QueueStore {

    /** Admissions are counted per time bucket; this many buckets span the rate window. */
    private static final int RATE_BUCKETS = 30;

    /** The audit log keeps this many entries per room (far more than the changes of any sale). */
    static final int AUDIT_ENTRIES_KEPT = 10_000;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ISSUE = script("issue.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> STATUS = script("status.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TICK = script("tick.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> OPEN = script("open.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CHANGE_ROOM = script("change_room.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ROOM_STATS = script("room_stats.lua", List.class);
    private static final RedisScript<String> EXPIRE_ON_PAYMENT = script("expire_on_payment.lua", String.class);

    private final StringRedisTemplate redis;
    private final QueueProperties properties;
    private final QueueKeys keys;

    public RedisQueueStore(StringRedisTemplate redis, QueueProperties properties,
            @Value("${ticketing.redis.key-prefix:queue:}") String keyPrefix) {
        this.redis = redis;
        this.properties = properties;
        this.keys = new QueueKeys(keyPrefix);
    }

    public QueueKeys keys() {
        return keys;
    }

    @Override
    public IssueOutcome issue(RoomId room, long userId, QueueToken candidate, Instant now) {
        List<?> reply = call(() -> redis.execute(ISSUE,
                List.of(keys.waiting(room), keys.active(room), keys.sequence(room), keys.user(room, userId),
                        keys.token(candidate.value()), keys.admittedRecently(room), keys.settings(room), keys.rooms()),
                Long.toString(userId), candidate.value(), Long.toString(now.toEpochMilli()), room.value(),
                configuredOpensAt(room)));
        if ("OPENING_DUE".equals(reply.get(0))) {
            return new IssueOutcome(null, null, false, 0, 0, true);
        }
        QueueToken token = new QueueToken((String) reply.get(0));
        long value = asLong(reply.get(2));
        TokenStanding state = switch ((String) reply.get(1)) {
            case "ACTIVE" -> new TokenStanding.Active(userId, Instant.ofEpochMilli(value), room.value());
            case "PRE_QUEUE" -> new TokenStanding.PreQueued(userId, Instant.ofEpochMilli(value));
            default -> new TokenStanding.Waiting(userId, value);
        };
        return new IssueOutcome(token, state, asLong(reply.get(4)) == 1, asLong(reply.get(3)), asLong(reply.get(5)),
                false);
    }

    @Override
    public Lookup status(QueueToken token, Instant now) {
        List<?> reply = call(() -> redis.execute(STATUS,
                List.of(keys.token(token.value()), keys.expired(token.value())),
                token.value(), Long.toString(now.toEpochMilli()), keys.prefix()));
        return switch ((String) reply.get(0)) {
            case "WAITING" -> new Lookup(new TokenStanding.Waiting(asLong(reply.get(1)), asLong(reply.get(2))),
                    new RoomId((String) reply.get(5)), asLong(reply.get(3)), asLong(reply.get(4)));
            case "PRE_QUEUE" -> new Lookup(
                    new TokenStanding.PreQueued(asLong(reply.get(1)), Instant.ofEpochMilli(asLong(reply.get(2)))),
                    new RoomId((String) reply.get(5)), 0, 0);
            case "ACTIVE" -> new Lookup(
                    new TokenStanding.Active(asLong(reply.get(1)), Instant.ofEpochMilli(asLong(reply.get(2))),
                            (String) reply.get(5)),
                    new RoomId((String) reply.get(5)), 0, 0);
            case "EXPIRED" -> new Lookup(new TokenStanding.Expired(asLong(reply.get(1))), null, 0, 0);
            default -> new Lookup(new TokenStanding.Unknown(), null, 0, 0);
        };
    }

    @Override
    public Opening open(RoomId room, Instant now, long candidateSeed) {
        List<?> reply = call(() -> redis.execute(OPEN,
                List.of(keys.waiting(room), keys.settings(room), keys.sequence(room)),
                Long.toString(now.toEpochMilli()), Long.toString(candidateSeed), configuredOpensAt(room)));
        OpeningOutcome outcome = OpeningOutcome.valueOf((String) reply.get(0));
        return switch (outcome) {
            case OPENED, ALREADY_OPEN -> new Opening(outcome, asLong(reply.get(1)), asLong(reply.get(2)),
                    Instant.ofEpochMilli(asLong(reply.get(3))));
            case NOT_DUE, NOT_SCHEDULED -> new Opening(outcome, null, null, null);
        };
    }

    @Override
    public TickResult tick(RoomId room, Instant now, boolean keepInterval) {
        RoomSettings configured = properties.configured(room);
        long bucketMillis = bucketMillis();
        List<?> reply = call(() -> redis.execute(TICK,
                List.of(keys.active(room), keys.waiting(room), keys.admissions(room), keys.admittedRecently(room),
                        keys.settings(room), keys.rooms()),
                keys.prefix(), Long.toString(now.toEpochMilli()), Integer.toString(configured.capacity()),
                Long.toString(configured.activeTtl().toMillis()),
                Long.toString(properties.expiredTombstoneTtl().toMillis()), Long.toString(bucketMillis),
                Long.toString(properties.rateWindow().toMillis()), keys.roomPrefix(room),
                Long.toString(configured.admissionInterval().toMillis()), keepInterval ? "1" : "0", room.value()));
        return new TickResult((int) asLong(reply.get(0)), (int) asLong(reply.get(1)), asLong(reply.get(2)),
                asLong(reply.get(3)), asLong(reply.get(4)), asLong(reply.get(5)) == 1);
    }

    @Override
    public PaymentExpiry expireOnPayment(UUID eventId, RoomId room, long userId, Instant paidAt, Instant now) {
        String reply = call(() -> redis.execute(EXPIRE_ON_PAYMENT,
                List.of(keys.processedEvent(eventId), keys.user(room, userId), keys.active(room), keys.waiting(room),
                        keys.admissionRevoked(), keys.user(RoomId.DEFAULT, userId), keys.active(RoomId.DEFAULT),
                        keys.waiting(RoomId.DEFAULT)),
                keys.prefix(), Long.toString(userId), Long.toString(paidAt.toEpochMilli()),
                Long.toString(properties.expiredTombstoneTtl().toMillis()),
                Long.toString(properties.processedEventTtl().toMillis()), Long.toString(now.toEpochMilli())));
        return PaymentExpiry.valueOf(reply);
    }

    @Override
    public Set<RoomId> rooms() {
        Set<String> members = call(() -> redis.opsForSet().members(keys.rooms()));
        Set<RoomId> rooms = new TreeSet<>(Comparator.comparing(RoomId::value));
        rooms.add(RoomId.DEFAULT);
        for (String member : members) {
            rooms.add(new RoomId(member));
        }
        return rooms;
    }

    @Override
    public RoomSnapshot snapshot(RoomId room, Instant now) {
        List<?> reply = call(() -> redis.execute(ROOM_STATS,
                List.of(keys.waiting(room), keys.active(room), keys.admissions(room), keys.admittedRecently(room),
                        keys.settings(room)),
                Long.toString(now.toEpochMilli()), Long.toString(bucketMillis()), keys.prefix()));
        Long capacity = optionalLong(reply.get(5));
        Long paused = optionalLong(reply.get(8));
        return new RoomSnapshot(asLong(reply.get(0)), asLong(reply.get(1)), asLong(reply.get(2)), asLong(reply.get(3)),
                optionalInstant(reply.get(4)), capacity == null ? null : capacity.intValue(),
                optionalLong(reply.get(6)), optionalLong(reply.get(7)), paused != null && paused == 1,
                optionalInstant(reply.get(9)), optionalInstant(reply.get(10)), optionalLong(reply.get(11)),
                optionalLong(reply.get(12)));
    }

    @Override
    public Change change(RoomId room, long operatorId, String action, Map<String, String> fields, Instant now) {
        RoomSettings configured = properties.configured(room);
        List<String> args = new ArrayList<>(List.of(Long.toString(now.toEpochMilli()), Long.toString(operatorId),
                action, room.value(), Integer.toString(configured.capacity()),
                Long.toString(configured.admissionInterval().toMillis()), configuredOpensAt(room),
                Integer.toString(AUDIT_ENTRIES_KEPT)));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        List<?> reply = call(() -> redis.execute(CHANGE_ROOM,
                List.of(keys.settings(room), keys.audit(room), keys.rooms(), keys.waiting(room), keys.active(room),
                        keys.sequence(room)),
                args.toArray()));
        ChangeOutcome outcome = ChangeOutcome.valueOf((String) reply.get(0));
        return new Change(outcome, outcome == ChangeOutcome.OK ? RecordedRoomChange.read((String) reply.get(1)) : null);
    }

    @Override
    public List<RoomChange> audit(RoomId room) {
        return call(() -> redis.opsForList().range(keys.audit(room), 0, -1)).stream().map(RecordedRoomChange::read)
                .toList();
    }

    private long bucketMillis() {
        return Math.max(1, properties.rateWindow().toMillis() / RATE_BUCKETS);
    }

    private String configuredOpensAt(RoomId room) {
        Instant opensAt = properties.configured(room).opensAt();
        return opensAt == null ? "" : Long.toString(opensAt.toEpochMilli());
    }

    private static Long optionalLong(Object value) {
        return value == null || value.toString().isEmpty() ? null : asLong(value);
    }

    private static Instant optionalInstant(Object value) {
        Long millis = optionalLong(value);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Connection loss and timeouts mean "try again later" (503); a script error is a bug and stays a 500. Either
     * way nothing is half-applied: Redis runs a script completely or not at all.
     */
    private static <T> T call(Supplier<T> command) {
        try {
            T reply = command.get();
            if (reply == null) {
                throw new IllegalStateException("Redis script returned no reply");
            }
            return reply;
        } catch (RedisConnectionFailureException | QueryTimeoutException e) {
            throw new QueueError.DependencyUnavailable("Redis", e);
        } catch (RedisSystemException e) {
            if (isConnectionProblem(e)) {
                throw new QueueError.DependencyUnavailable("Redis", e);
            }
            throw e;
        }
    }

    private static boolean isConnectionProblem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Lettuce rejects commands while disconnected with "Currently not connected" (DisconnectedBehavior)
            if (cause instanceof RedisConnectionException || cause instanceof IOException
                    || (cause.getMessage() != null && cause.getMessage().contains("not connected"))) {
                return true;
            }
        }
        return false;
    }

    private static long asLong(Object value) {
        return value instanceof Long number ? number : Long.parseLong(value.toString());
    }

    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        return RedisScript.of(new ClassPathResource("scripts/" + name), resultType);
    }
}
