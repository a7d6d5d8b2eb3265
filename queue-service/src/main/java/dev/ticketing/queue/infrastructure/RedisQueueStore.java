package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.domain.DependencyUnavailableException;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.TokenState;
import io.lettuce.core.RedisConnectionException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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
 * The waiting room in Redis (key layout in README.md). Each operation is one Lua script, so it is atomic and costs
 * one round trip; scripts declare their flags so Redis refuses a writing script before it starts when out of memory
 * instead of failing half-way.
 */
@Component
public class RedisQueueStore implements QueueStore {

    /** Admissions are counted per time bucket; this many buckets span the rate window. */
    private static final int RATE_BUCKETS = 30;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ISSUE = script("issue.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> STATUS = script("status.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TICK = script("tick.lua", List.class);
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
    public IssueOutcome issue(long userId, QueueToken candidate, Instant now) {
        List<?> reply = call(() -> redis.execute(ISSUE,
                List.of(keys.waiting(), keys.active(), keys.sequence(), keys.user(userId), keys.token(candidate.value()),
                        keys.admittedRecently()),
                Long.toString(userId), candidate.value(), Long.toString(now.toEpochMilli())));
        QueueToken token = new QueueToken((String) reply.get(0));
        long value = asLong(reply.get(2));
        TokenState state = "ACTIVE".equals(reply.get(1))
                ? new TokenState.Active(userId, Instant.ofEpochMilli(value), TokenState.DEFAULT_ROOM)
                : new TokenState.Waiting(userId, value);
        return new IssueOutcome(token, state, asLong(reply.get(4)) == 1, asLong(reply.get(3)), asLong(reply.get(5)));
    }

    @Override
    public Lookup status(QueueToken token, Instant now) {
        List<?> reply = call(() -> redis.execute(STATUS,
                List.of(keys.token(token.value()), keys.expired(token.value()), keys.active(), keys.waiting(),
                        keys.admittedRecently()),
                token.value(), Long.toString(now.toEpochMilli())));
        return switch ((String) reply.get(0)) {
            case "WAITING" -> new Lookup(new TokenState.Waiting(asLong(reply.get(1)), asLong(reply.get(2))),
                    asLong(reply.get(3)), asLong(reply.get(4)));
            case "ACTIVE" -> new Lookup(
                    new TokenState.Active(asLong(reply.get(1)), Instant.ofEpochMilli(asLong(reply.get(2))),
                            TokenState.DEFAULT_ROOM), 0, 0);
            case "EXPIRED" -> new Lookup(new TokenState.Expired(asLong(reply.get(1))), 0, 0);
            default -> new Lookup(new TokenState.Unknown(), 0, 0);
        };
    }

    @Override
    public TickResult tick(Instant now) {
        long bucketMillis = Math.max(1, properties.rateWindow().toMillis() / RATE_BUCKETS);
        List<?> reply = call(() -> redis.execute(TICK,
                List.of(keys.active(), keys.waiting(), keys.admissions(), keys.admittedRecently()),
                keys.prefix(), Long.toString(now.toEpochMilli()), Integer.toString(properties.capacity()),
                Long.toString(properties.activeTtl().toMillis()),
                Long.toString(properties.expiredTombstoneTtl().toMillis()), Long.toString(bucketMillis),
                Long.toString(properties.rateWindow().toMillis())));
        return new TickResult((int) asLong(reply.get(0)), (int) asLong(reply.get(1)), asLong(reply.get(2)),
                asLong(reply.get(3)), asLong(reply.get(4)));
    }

    @Override
    public PaymentExpiry expireOnPayment(UUID eventId, long userId, Instant paidAt, Instant now) {
        String reply = call(() -> redis.execute(EXPIRE_ON_PAYMENT,
                List.of(keys.processedEvent(eventId), keys.user(userId), keys.active(), keys.waiting(),
                        keys.admissionRevoked()),
                keys.prefix(), Long.toString(userId), Long.toString(paidAt.toEpochMilli()),
                Long.toString(properties.expiredTombstoneTtl().toMillis()),
                Long.toString(properties.processedEventTtl().toMillis()), Long.toString(now.toEpochMilli())));
        return PaymentExpiry.valueOf(reply);
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
            throw new DependencyUnavailableException("Redis", e);
        } catch (RedisSystemException e) {
            if (isConnectionProblem(e)) {
                throw new DependencyUnavailableException("Redis", e);
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
