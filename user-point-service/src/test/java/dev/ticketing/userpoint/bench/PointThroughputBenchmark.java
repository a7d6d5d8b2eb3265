package dev.ticketing.userpoint.bench;

import dev.ticketing.testsupport.TestDatabase;
import dev.ticketing.userpoint.UserPointApplication;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.PointOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Charge and debit throughput through the application service (transaction, conditional UPDATE, ledger row, and for
 * debits the idempotency key) against the real local MariaDB, on one hot user (every operation contends for one row
 * lock) and spread over 1,000 users. Threads come from JMH's -t. Run:
 * ./mvnw -o -pl user-point-service -Pjmh test-compile exec:exec -Djmh.args="PointThroughput -f 1 -wi 2 -i 5 -t 8"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class PointThroughputBenchmark {

    private static final int USERS = 1_000;
    private static final long HOT_USER = 1;
    /** Enough that no debit of the run is ever refused: the benchmark measures applied changes. */
    private static final long STARTING_BALANCE = 1_000_000_000_000L;

    private TestDatabase database;
    private ConfigurableApplicationContext context;
    private PointService points;
    private final AtomicLong keys = new AtomicLong();
    private final LongAdder refused = new LongAdder();

    @Setup(Level.Trial)
    public void start() {
        database = TestDatabase.create("point-bench");
        try {
            // Command-line arguments, not default properties: application.yml's ${MYSQL_URL:...} would beat those
            // and point the benchmark at the shared user_point database.
            context = new SpringApplicationBuilder(UserPointApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.datasource.url=" + database.url(),
                            "--spring.datasource.username=" + database.user(),
                            "--spring.datasource.password=" + database.password(),
                            "--points.max-balance=" + Long.MAX_VALUE / 2,
                            "--logging.level.root=WARN");
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String connected = jdbc.queryForObject("SELECT DATABASE()", String.class);
            if (!database.name().equals(connected)) {
                throw new IllegalStateException("Benchmark connected to " + connected + ", not " + database.name());
            }
            points = context.getBean(PointService.class);
            seedUsers(jdbc);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (context != null) {
            context.close();
        }
        database.close();
        if (refused.sum() > 0) {
            throw new IllegalStateException(refused.sum() + " operations were refused: the figures are not of changes");
        }
    }

    @Benchmark
    public PointOutcome chargeOneHotUser() {
        return applied(points.charge(HOT_USER, BigDecimal.ONE));
    }

    @Benchmark
    public PointOutcome debitOneHotUser() {
        return applied(points.debit(HOT_USER, 1, "bench-" + keys.incrementAndGet()));
    }

    @Benchmark
    public PointOutcome chargeManyUsers() {
        return applied(points.charge(anyUser(), BigDecimal.ONE));
    }

    @Benchmark
    public PointOutcome debitManyUsers() {
        return applied(points.debit(anyUser(), 1, "bench-" + keys.incrementAndGet()));
    }

    private PointOutcome applied(PointOutcome outcome) {
        if (!(outcome instanceof PointOutcome.Applied)) {
            refused.increment();
        }
        return outcome;
    }

    private static long anyUser() {
        return ThreadLocalRandom.current().nextLong(1, USERS + 1);
    }

    private static void seedUsers(JdbcTemplate jdbc) {
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        List<Object[]> users = new ArrayList<>();
        List<Object[]> balances = new ArrayList<>();
        for (long id = 1; id <= USERS; id++) {
            users.add(new Object[] {id, "bench-" + id, now});
            balances.add(new Object[] {id, STARTING_BALANCE, now});
        }
        jdbc.batchUpdate("INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)", users);
        jdbc.batchUpdate("INSERT INTO point_balance (user_id, balance, updated_at) VALUES (?, ?, ?)", balances);
    }
}
