package dev.ticketing.concert.bench;

import dev.ticketing.concert.support.TestCatalog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Only the seat-locking step of a refused hold on a sold-out hot seat, with {@code roundTripMillis} standing for the
 * application-to-database round trip that follows it inside the transaction (0 on this machine's loopback, about 1 ms
 * between pods). The full-hold benchmark cannot separate the two strategies on 2 busy cores; this shows where they
 * differ: a refused conditional UPDATE keeps no lock, a refused SELECT ... FOR UPDATE keeps the seat's row lock until
 * its transaction ends, so every other request for that seat waits behind it.
 */
@State(Scope.Benchmark)
@Threads(16)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SeatLockBenchmark {

    @Param({"conditional", "pessimistic"})
    public String locking;

    @Param({"0", "1"})
    public int roundTripMillis;

    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private long seatId;
    private long dateId;

    @Setup(Level.Trial)
    public void setUp() {
        ConfigurableApplicationContext context = BenchmarkApplication.context();
        jdbc = context.getBean(JdbcTemplate.class);
        transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        TestCatalog.Date date = new TestCatalog(jdbc).concertWithSeats(1, 150_000);
        seatId = date.seatIds().getFirst();
        dateId = date.dateId();
        jdbc.update("UPDATE seat SET status = 'HELD' WHERE id = ?", seatId);
    }

    @Benchmark
    public boolean refusedHold() {
        Boolean won = transaction.execute(status -> {
            boolean available = locking.equals("conditional")
                    ? jdbc.update("UPDATE seat SET status = 'HELD' WHERE id = ? AND concert_date_id = ?"
                            + " AND status = 'AVAILABLE'", seatId, dateId) == 1
                    : "AVAILABLE".equals(jdbc.queryForObject("SELECT status FROM seat WHERE id = ?"
                            + " AND concert_date_id = ? FOR UPDATE", String.class, seatId, dateId));
            roundTrip();
            status.setRollbackOnly();
            return available;
        });
        if (Boolean.TRUE.equals(won)) {
            throw new IllegalStateException("The hot seat must stay held");
        }
        return false;
    }

    private void roundTrip() {
        if (roundTripMillis > 0) {
            try {
                Thread.sleep(roundTripMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
