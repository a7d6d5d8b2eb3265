package dev.ticketing.events.bench;

import dev.ticketing.events.EventsProperties;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.it.AppliedEventsListener;
import dev.ticketing.events.it.EventsTestApplication;
import dev.ticketing.events.it.EventsTestApplication.HoldService;
import dev.ticketing.testsupport.KafkaBrokerProcess;
import dev.ticketing.testsupport.MariaDbHints;
import dev.ticketing.testsupport.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * Commit → consumer-applied latency of the outbox path (DB commit, relay, Kafka acks=all, consumer, inbox + effect
 * commit) while a background writer commits {@code backgroundRate} events per second through the same outbox.
 * Uses a broker process of its own (never the shared local one, whose real services would consume the benchmark's
 * events) and a throw-away database. Run: ./mvnw -pl common-events -Pjmh test-compile exec:exec -Djmh.args="OutboxLatency"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class OutboxLatencyBenchmark {

    @Param("1000")
    int backgroundRate;

    private TestDatabase database;
    private KafkaBrokerProcess broker;
    private ConfigurableApplicationContext context;
    private HoldService holds;
    private AppliedEventsListener listener;
    private ScheduledExecutorService background;
    private final AtomicInteger sequence = new AtomicInteger();
    private long backgroundStart;

    @Setup(Level.Trial)
    public void start() throws Exception {
        database = TestDatabase.create("outbox-bench");
        Map<String, Object> properties = new HashMap<>(MariaDbHints.PROPERTIES);
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "20");
        broker = KafkaBrokerProcess.start();
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("spring.kafka.listener.concurrency", "3"); // one transaction per record: spread partitions
        properties.put("logging.level.root", "WARN");
        context = new SpringApplicationBuilder(EventsTestApplication.class).properties(properties).run();
        holds = context.getBean(HoldService.class);
        listener = context.getBean(AppliedEventsListener.class);
        // every partition of the topic assigned to the new group before the first measured event
        int partitions = context.getBean(EventsProperties.class).partitions();
        for (MessageListenerContainer container : context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainers()) {
            ContainerTestUtils.waitForAssignment(container, partitions);
        }

        // 10 commits every 10 ms on 4 threads: backgroundRate events per second, each in its own transaction.
        background = Executors.newScheduledThreadPool(4);
        int perTick = Math.max(1, backgroundRate / 100);
        backgroundStart = System.nanoTime();
        for (int worker = 0; worker < 4; worker++) {
            int share = perTick / 4 + (worker < perTick % 4 ? 1 : 0);
            background.scheduleAtFixedRate(() -> {
                for (int i = 0; i < share; i++) {
                    holds.hold(1_000_000 + sequence.get() % 1000, sequence.incrementAndGet(), false);
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
        }
    }

    @Benchmark
    public long commitToConsumerApplied() throws Exception {
        long start = System.nanoTime();
        SeatReserved event = holds.hold(1, sequence.incrementAndGet(), false);
        return listener.applied(event.eventId()).get(30, TimeUnit.SECONDS) - start;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - backgroundStart) / 1e9;
        System.out.printf("%nevents committed: %d in %.0f s = %.0f events/s through the outbox%n", sequence.get(),
                seconds, sequence.get() / seconds);
        context.close();
        database.close();
        broker.close();
    }
}
