package dev.ticketing.gateway.infrastructure;

import dev.ticketing.gateway.application.RevokedAdmissions;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Keeps {@link RevokedAdmissions} in step with queue-service's revocations: a subscription to the channel
 * {@code <revocationsKey>} (each message {@code "<jti> <exp epoch ms>"}, within milliseconds of the payment's
 * processing) and a read of the sorted set {@code <revocationsKey>} (jti scored by exp), first right after the
 * subscription is in place, so nothing revoked before or during the start is missed, then every
 * {@code revocationsReload}, which heals a message missed while the subscription was reconnecting and forgets ids
 * past their exp. Started before the web server; the instance reports ready ({@link #health()}, readiness group)
 * only once the set was read, and until then refuses admission tokens with 503.
 */
public class AdmissionRevocationFeed implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AdmissionRevocationFeed.class);
    /** How long the start waits for Redis before it lets the context start anyway (the instance stays unready). */
    private static final Duration START_WAIT = Duration.ofSeconds(10);
    /** The subscription and the first load retry for as long as Redis is away, at most 2 s apart once it is back. */
    private static final RetryBackoffSpec REDIS_BACKOFF =
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2));

    private final ReactiveRedisConnectionFactory connections;
    private volatile ReactiveRedisMessageListenerContainer container;
    private final ReactiveStringRedisTemplate redis;
    private final RevokedAdmissions revoked;
    private final String key;
    private final Duration reload;
    private final Clock clock;
    private volatile Disposable subscription;
    private volatile Disposable reloads;

    public AdmissionRevocationFeed(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis,
            RevokedAdmissions revoked, String key, Duration reload, Clock clock) {
        this.connections = connections;
        this.redis = redis;
        this.revoked = revoked;
        this.key = key;
        this.reload = reload;
        this.clock = clock;
    }

    @Override
    public void start() {
        Mono<Void> subscribed = Mono.defer(() -> listener().receiveLater(ChannelTopic.of(key)))
                .doOnNext(messages -> replaceSubscription(messages
                        .doOnNext(this::onMessage)
                        .retryWhen(REDIS_BACKOFF)
                        .subscribe()))
                .then(load())
                .retryWhen(REDIS_BACKOFF
                        .doBeforeRetry(signal -> log.warn("Admission revocations not loaded yet: {}",
                                signal.failure().toString())));
        try {
            subscribed.block(START_WAIT);
        } catch (RuntimeException e) {
            log.warn("Admission revocations not loaded within {}; admission tokens get 503 until they are", START_WAIT);
            // keep trying in the background; the instance stays unready until the set is read
            subscribed.subscribe();
        }
        reloads = Flux.interval(reload, reload)
                .onBackpressureDrop()
                .concatMap(tick -> load().onErrorResume(failure -> {
                    log.debug("Reading the admission revocations failed", failure);
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** The live set (ids not yet past their exp), then the ids past their exp forgotten. */
    private Mono<Void> load() {
        long now = clock.millis();
        return redis.opsForZSet()
                .rangeByScoreWithScores(key, Range.rightUnbounded(Range.Bound.exclusive((double) now)))
                .doOnNext(entry -> revoked.revoke(entry.getValue(), entry.getScore().longValue()))
                .then(Mono.fromRunnable(() -> {
                    if (!revoked.loaded()) {
                        log.info("Admission revocations loaded");
                    }
                    revoked.markLoaded();
                    revoked.forgetExpired(clock.instant());
                }));
    }

    /** Made on first use: its constructor connects, and a start without Redis must not fail the context. */
    private synchronized ReactiveRedisMessageListenerContainer listener() {
        if (container == null) {
            container = new ReactiveRedisMessageListenerContainer(connections);
        }
        return container;
    }

    private synchronized void replaceSubscription(Disposable next) {
        Disposable previous = subscription;
        subscription = next;
        if (previous != null) {
            previous.dispose();
        }
    }

    private void onMessage(ReactiveSubscription.Message<String, String> message) {
        String[] parts = message.getMessage().split(" ", 2);
        try {
            revoked.revoke(parts[0], parts.length == 2 ? Long.parseLong(parts[1]) : Long.MAX_VALUE);
        } catch (NumberFormatException e) {
            revoked.revoke(parts[0], Long.MAX_VALUE);
        }
    }

    @Override
    public Health health() {
        return revoked.loaded() ? Health.up().withDetail("revoked", revoked.size()).build()
                : Health.outOfService().withDetail("reason", "admission revocations not loaded yet").build();
    }

    @Override
    public void stop() {
        for (Disposable running : new Disposable[] {reloads, subscription}) {
            if (running != null) {
                running.dispose();
            }
        }
        if (container != null) {
            container.destroyLater().subscribe();
        }
    }

    @Override
    public boolean isRunning() {
        return reloads != null && !reloads.isDisposed();
    }

    /** Before the web server starts taking requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
