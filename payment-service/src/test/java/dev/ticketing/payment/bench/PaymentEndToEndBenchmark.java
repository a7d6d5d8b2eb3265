package dev.ticketing.payment.bench;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.Topics;
import dev.ticketing.payment.PaymentApplication;
import dev.ticketing.payment.support.UserPointService;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Payments end to end: one operation is a {@code POST /api/payments} over HTTP until its {@code PaymentCompleted} is
 * read back from Kafka by another consumer. On the path: the HTTP request, the PENDING row, the debit over HTTP at
 * the real user-point-service (its own JVM and database), the completing transaction with its outbox row, the relay,
 * the broker, and the consumer. Closed loop: JMH's threads (-t) are the concurrent payers.
 *
 * <p>The reservation view is seeded with SQL before the run (reservation events are not what is measured); users
 * 1..1000 of user-point's demo data pay 10 points each, so no payment is refused.
 *
 * <p>Run: ./mvnw -o -pl payment-service -Pjmh test-compile exec:exec
 * -Djmh.args="PaymentEndToEnd -f 1 -wi 2 -i 5 -t 16 -bm thrpt,sample"
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(16)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class PaymentEndToEndBenchmark {

    private static final int RESERVATIONS = 60_000;
    private static final int USERS = 1_000;
    private static final long PRICE = 10;
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    private EmbeddedKafkaKraftBroker broker;
    private TestDatabase database;
    private UserPointService userPoint;
    private ConfigurableApplicationContext payment;
    private Thread consumerThread;
    private volatile boolean running = true;
    private HttpClient http;
    private URI payments;

    private final AtomicLong nextReservation = new AtomicLong();
    private final Map<Long, CompletableFuture<PaymentCompleted>> awaited = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();

    @Setup(Level.Trial)
    public void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "num.partitions", "3"));
        broker.afterPropertiesSet();
        database = TestDatabase.create("payment-bench");
        userPoint = UserPointService.start();
        // Command-line arguments, not default properties: application.yml's ${MYSQL_URL:...} would beat those.
        payment = new SpringApplicationBuilder(PaymentApplication.class).run(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--peers.user-point.base-url=" + userPoint.baseUrl(),
                "--server.port=0",
                "--logging.level.root=WARN");
        seedReservationView(payment.getBean(JdbcTemplate.class));
        startPaymentEventsConsumer();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        payments = URI.create("http://127.0.0.1:" + payment.getEnvironment().getProperty("local.server.port")
                + "/api/payments");
    }

    @Benchmark
    public PaymentCompleted payUntilPaymentCompletedIsOnKafka() throws Exception {
        long reservationId = nextReservation.incrementAndGet();
        if (reservationId > RESERVATIONS) {
            throw new IllegalStateException("Seed more reservations: the run used all " + RESERVATIONS);
        }
        CompletableFuture<PaymentCompleted> completed = new CompletableFuture<>();
        awaited.put(reservationId, completed);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(payments)
                        .header("Content-Type", "application/json")
                        .header(IdentityHeaders.USER_ID, Long.toString(userOf(reservationId)))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reservationId\":" + reservationId + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            failures.increment();
            awaited.remove(reservationId);
            throw new IllegalStateException("Payment answered " + response.statusCode() + ": " + response.body());
        }
        return completed.get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        if (consumerThread != null) {
            consumerThread.join(5_000);
        }
        if (payment != null) {
            payment.close();
        }
        if (userPoint != null) {
            userPoint.close();
        }
        database.close();
        broker.destroy();
        if (failures.sum() > 0) {
            throw new IllegalStateException(failures.sum() + " payments failed: the figures are not of payments");
        }
    }

    private static long userOf(long reservationId) {
        return 1 + reservationId % USERS;
    }

    private void seedReservationView(JdbcTemplate jdbc) {
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        LocalDateTime expiry = LocalDateTime.ofInstant(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(RESERVATIONS);
        for (long id = 1; id <= RESERVATIONS; id++) {
            rows.add(new Object[] {id, userOf(id), 1_000_000 + id, PRICE, expiry, "HELD", now});
        }
        jdbc.batchUpdate("""
                INSERT INTO reservation_view (reservation_id, user_id, seat_id, price, hold_expires_at, status,
                                              updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private void startPaymentEventsConsumer() throws InterruptedException {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "payment-bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(Topics.PAYMENT_EVENTS));
        CompletableFuture<Void> assigned = new CompletableFuture<>();
        consumerThread = Thread.ofPlatform().daemon().name("payment-events-reader").start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        EventCodec.fromJson(record.value())
                                .filter(PaymentCompleted.class::isInstance)
                                .map(PaymentCompleted.class::cast)
                                .ifPresent(event -> {
                                    CompletableFuture<PaymentCompleted> waiting = awaited.remove(
                                            event.reservationId());
                                    if (waiting != null) {
                                        waiting.complete(event);
                                    }
                                });
                    }
                    if (!consumer.assignment().isEmpty()) {
                        assigned.complete(null);
                    }
                }
            }
        });
        try {
            assigned.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The payment events reader was never assigned its partitions", e);
        }
    }
}
