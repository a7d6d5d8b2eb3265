package dev.ticketing.concert.bench;

import dev.ticketing.concert.application.ConcertCatalog;
import dev.ticketing.concert.application.HoldSeat;
import dev.ticketing.concert.support.TestCatalog;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The opening-day read path, without a cache: a concert of 3 dates x 50 seats (10 of the first date held), read
 * through the use case and JDBC as the controllers do (HTTP and JSON excluded).
 */
@State(Scope.Benchmark)
@Threads(16)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AvailableSeatsBenchmark {

    /** Each trial holds with new users: the application (and its per-user limit) lives for the whole run. */
    private static final AtomicLong USERS = new AtomicLong(900_000_000L);

    private ConcertCatalog catalog;
    private long concertId;
    private long dateId;

    @Setup(Level.Trial)
    public void setUp() {
        ConfigurableApplicationContext context = BenchmarkApplication.context();
        catalog = context.getBean(ConcertCatalog.class);
        TestCatalog testCatalog = new TestCatalog(context.getBean(JdbcTemplate.class));
        TestCatalog.Date date = testCatalog.concertWithSeats(50, 80_000);
        concertId = date.concertId();
        dateId = date.dateId();
        for (int day = 1; day <= 2; day++) {
            long other = testCatalog.addDate(concertId,
                    Instant.parse("2027-06-01T10:00:00Z").plusSeconds(86_400L * day));
            testCatalog.addSeats(other, 50, 80_000);
        }
        HoldSeat holdSeat = context.getBean(HoldSeat.class);
        List<Long> seats = date.seatIds();
        for (int i = 0; i < 10; i++) {
            holdSeat.hold(new HoldSeat.Command(USERS.incrementAndGet(), concertId, dateId, seats.get(i * 5)));
        }
    }

    @Benchmark
    public Object availableSeats() {
        return catalog.seats(concertId, dateId, false);
    }

    @Benchmark
    public Object seatMap() {
        return catalog.seats(concertId, dateId, true);
    }

    @Benchmark
    public Object availableDates() {
        return catalog.availableDates(concertId);
    }
}
