package dev.ticketing.queue.bench;

import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The waiting room at scale: 1,000,000 waiting tokens in the local Redis, then the issue rate, the position-lookup
 * rate (the gateway's call) and the duration of a full tick (100 active tokens expired, the 100 oldest waiting
 * admitted), each through {@link RedisQueueStore}'s scripts over one Lettuce connection shared by the JMH threads,
 * as in the service. The keys live under a prefix of their own and are deleted at the end. Run:
 * ./mvnw -o -pl queue-service -Pjmh test-compile exec:exec -Djmh.args="QueueScale -f 1 -wi 2 -i 5"
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class QueueScaleBenchmark {

    static final int PRELOADED = 1_000_000;
    static final int CAPACITY = 100;
    static final Duration ACTIVE_TTL = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextUser = new AtomicLong(PRELOADED);
    private final AtomicLong clockMillis = new AtomicLong(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
    private LettuceConnectionFactory connections;
    private StringRedisTemplate redis;
    private RedisQueueStore store;
    private String prefix;
    private QueueToken[] preloaded;

    @Setup(Level.Trial)
    public void preload() throws Exception {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                env("TEST_REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("TEST_REDIS_PORT", "6379"))));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
        prefix = "bench:queue:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        store = new RedisQueueStore(redis, new QueueProperties(CAPACITY, Duration.ofSeconds(5), ACTIVE_TTL,
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(7), true, Duration.ofSeconds(1), true, null), prefix);
        long memoryBefore = usedMemory();
        try {
            double seconds = fillTheLine();
            long memoryAfter = usedMemory();
            Long waitingBytes = redis.execute(RedisScript.of(
                    "return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', '0')", Long.class),
                    List.of(prefix + "waiting"));
            System.out.printf("%n[queue-bench] preloaded %,d waiting tokens in %.1f s (%,.0f issues/s, 16 threads);"
                            + " used_memory +%,d bytes (%.0f bytes/token); waiting zset alone %,d bytes%n",
                    PRELOADED, seconds, PRELOADED / seconds, memoryAfter - memoryBefore,
                    (memoryAfter - memoryBefore) / (double) PRELOADED, waitingBytes);
        } catch (Exception | Error e) {
            // JMH skips the tear-down when set-up fails: never leave a million keys in the shared Redis
            deleteKeys();
            throw e;
        }
    }

    private double fillTheLine() throws Exception {
        preloaded = new QueueToken[PRELOADED];
        int threads = 16;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    Instant now = Instant.ofEpochMilli(clockMillis.get());
                    for (int i = first; i < PRELOADED; i += threads) {
                        preloaded[i] = store.issue(RoomId.DEFAULT, i + 1, QueueToken.generate(random), now).token();
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    @TearDown(Level.Trial)
    public void deleteKeys() {
        long deleted = CleanRedis.deleteKeysUnder(redis, prefix);
        System.out.printf("%n[queue-bench] deleted %,d keys under %s%n", deleted, prefix);
        connections.destroy();
    }

    /** A new user joins the end of a line of ~1M. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(16)
    public QueueStore.IssueOutcome issue() {
        return store.issue(RoomId.DEFAULT, nextUser.incrementAndGet(), QueueToken.generate(random),
                Instant.ofEpochMilli(clockMillis.get()));
    }

    /** The gateway's question for a random waiting token: who, which state, how many ahead. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(16)
    public QueueStore.Lookup lookupPosition() {
        QueueToken token = preloaded[ThreadLocalRandom.current().nextInt(PRELOADED)];
        return store.status(token, Instant.ofEpochMilli(clockMillis.get()));
    }

    /**
     * The worst tick: a full active set expires (time jumps one lifetime) and 100 are admitted from the head of the
     * line. Single-shot batches, so the run consumes a bounded share of the million (7 x 100 ticks x 100 tokens).
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, batchSize = 100)
    @Measurement(iterations = 5, batchSize = 100)
    public QueueStore.TickResult fullTick() {
        QueueStore.TickResult result = store.tick(RoomId.DEFAULT, Instant.ofEpochMilli(clockMillis.addAndGet(ACTIVE_TTL.toMillis())), false);
        if (result.admitted() != CAPACITY) {
            throw new IllegalStateException("expected a full tick, got " + result);
        }
        return result;
    }

    private long usedMemory() {
        Properties info = redis.execute((org.springframework.data.redis.core.RedisCallback<Properties>) connection ->
                connection.serverCommands().info("memory"));
        return Long.parseLong(info.getProperty("used_memory"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
