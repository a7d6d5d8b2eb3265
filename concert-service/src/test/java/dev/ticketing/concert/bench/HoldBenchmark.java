package dev.ticketing.concert.bench;

import dev.ticketing.concert.application.CatalogReader;
import dev.ticketing.concert.application.ConcertProperties;
import dev.ticketing.concert.application.HoldSeat;
import dev.ticketing.concert.application.ReservationStore;
import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.events.outbox.EventOutbox;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Seat holds through the real use case (seat lookup, per-user guard and count, seat lock, reservation and outbox
 * rows in one transaction), with the production conditional UPDATE or the pessimistic SELECT ... FOR UPDATE
 * alternative. Every attempt comes from a new user, as on opening day.
 *
 * <ul>
 *   <li>{@code hotSeat}: all threads want the same seat; one wins in the first milliseconds, every later attempt is a
 *   refusal (SEAT_NOT_AVAILABLE). This is the contention that matters: how fast the losers are answered.</li>
 *   <li>{@code manySeats}: each attempt picks a random seat among 20,000; most succeed, a growing share collides.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Threads(16)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HoldBenchmark {

    private static final AtomicLong USERS = new AtomicLong(1);

    @Param({"conditional", "pessimistic"})
    public String locking;

    private HoldSeat holdSeat;
    private TestCatalog.Date hotDate;
    private TestCatalog.Date manyDate;
    private List<Long> manySeats;

    @Setup(Level.Trial)
    public void setUp() {
        ConfigurableApplicationContext context = BenchmarkApplication.context();
        ReservationStore production = context.getBean(ReservationStore.class);
        ReservationStore store = locking.equals("conditional") ? production
                : new PessimisticSeatLock(production, context.getBean(JdbcClient.class));
        holdSeat = new HoldSeat(store, context.getBean(CatalogReader.class), context.getBean(EventOutbox.class),
                context.getBean(ConcertProperties.class), context.getBean(Clock.class),
                context.getBean(PlatformTransactionManager.class),
                context.getBean(dev.ticketing.support.idempotency.IdempotentRequests.class));
        TestCatalog catalog = new TestCatalog(context.getBean(JdbcTemplate.class));
        hotDate = catalog.concertWithSeats(1, 150_000);
        manyDate = catalog.concertWithSeats(20_000, 80_000);
        manySeats = manyDate.seatIds();
    }

    @Benchmark
    public Object hotSeat() {
        return attempt(hotDate, hotDate.seatIds().getFirst());
    }

    @Benchmark
    public Object manySeats() {
        return attempt(manyDate, manySeats.get(ThreadLocalRandom.current().nextInt(manySeats.size())));
    }

    private Object attempt(TestCatalog.Date date, long seatId) {
        HoldSeat.Command command = new HoldSeat.Command(USERS.getAndIncrement(), date.concertId(), date.dateId(),
                seatId);
        try {
            return holdSeat.hold(command);
        } catch (ConcertException.SeatNotAvailable refused) {
            return refused;
        }
    }
}
