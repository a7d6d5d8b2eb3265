package dev.ticketing.concert.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.ConfirmationDecision;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.ReservationEvents;
import dev.ticketing.concert.support.TestCatalog;
import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.ReservationConfirmed;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.Topics;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Holds, releases and confirmations against real MariaDB and Kafka (the "Done when" list), driven through the
 * use cases the API and the Kafka listener call. One Spring context for all of them keeps the suite fast on a small
 * machine; every test works on its own concert and users, and starts with no expired hold left over.
 */
@SpringBootTest(properties = {
        // the scheduled job would race the tests' hand-moved clock; its wiring is checked separately below
        "concert.release.interval=1h",
        // small batches, so racing jobs interleave over several transactions
        "concert.release.batch-size=7"})
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class ReservationLifecycleTest {

    private static final Duration HOLD = Duration.ofMinutes(5);
    private static final AtomicLong USER_IDS = new AtomicLong(1_000_000);

    @Autowired
    HoldSeat holdSeat;
    @Autowired
    ReleaseExpiredHolds releaseJob;
    @Autowired
    ConfirmPaidReservation confirmPaidReservation;
    @Autowired
    TestCatalog catalog;
    @Autowired
    ReservationEvents events;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ScheduledTaskHolder scheduledTasks;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void noExpiredHoldLeftFromAnotherTest() {
        clock.advance(HOLD.plusMinutes(1));
        releaseJob.releaseAllExpired();
    }

    // ---- holds under contention

    @Test
    void thousandConcurrentHoldsOnOneSeatLeaveExactlyOneWinner() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 100_000);
        long seatId = date.seatIds().getFirst();
        int threads = 100;
        int attemptsPerThread = 10;

        List<Object> results = race(threads, thread -> IntStream.range(0, attemptsPerThread)
                .mapToObj(attempt -> (Attempt) () -> hold(newUser(), date, seatId))
                .toList());

        assertThat(results).hasSize(1000);
        List<Reservation> winners = successes(results);
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn(ConcertException.SeatNotAvailable.class::isInstance).hasSize(999);

        Reservation winner = winners.getFirst();
        assertThat(catalog.seatStatus(seatId)).isEqualTo("HELD");
        assertThat(catalog.seatHolder(seatId)).isEqualTo(winner.id());
        assertThat(catalog.reservationsOfSeat(seatId)).isEqualTo(1);
        assertThat(events.published(SeatReserved.class, e -> e.seatId() == seatId)).singleElement()
                .satisfies(event -> {
                    assertThat(event.reservationId()).isEqualTo(winner.id());
                    assertThat(event.userId()).isEqualTo(winner.userId());
                    assertThat(event.concertId()).isEqualTo(date.concertId());
                    assertThat(event.concertDateId()).isEqualTo(date.dateId());
                    assertThat(event.price()).isEqualTo(100_000);
                    assertThat(event.holdExpiresAt()).isEqualTo(clock.instant().plus(HOLD));
                });
    }

    @Test
    void hundredUsersSendingTenConcurrentHoldsOfOneSeatEachLeaveOneWinnerAndOnlyRefusals() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 100_000);
        long seatId = date.seatIds().getFirst();
        int users = 100;
        int attemptsPerUser = 10;
        long firstUser = USER_IDS.getAndAdd(users) + 1;

        // every attempt on its own thread, so the ten holds of one user really run at once
        List<Object> results = race(users * attemptsPerUser,
                thread -> List.of(() -> hold(firstUser + thread % users, date, seatId)));

        assertThat(results).hasSize(1000);
        assertThat(successes(results)).hasSize(1);
        assertThat(results).filteredOn(result -> !(result instanceof Reservation))
                .allMatch(refusal -> refusal instanceof ConcertException.SeatNotAvailable
                        || refusal instanceof ConcertException.HoldLimitReached)
                .hasSize(999);
        assertThat(catalog.reservationsOfSeat(seatId)).isEqualTo(1);
    }

    @Test
    void twoHundredUsersPickingAmongTwoHundredSeatsNeverShareASeat() {
        TestCatalog.Date date = catalog.concertWithSeats(200, 80_000);
        List<Long> seats = date.seatIds();
        int picksPerUser = 4; // the default per-user limit, so every refusal is about the seat

        List<Object> results = race(200, user -> {
            long userId = newUser();
            Random random = new Random(user);
            return IntStream.range(0, picksPerUser)
                    .mapToObj(pick -> (Attempt) () -> hold(userId, date, seats.get(random.nextInt(seats.size()))))
                    .toList();
        });

        List<Reservation> holds = successes(results);
        assertThat(results).filteredOn(result -> !(result instanceof Reservation))
                .allMatch(ConcertException.SeatNotAvailable.class::isInstance);
        assertThat(holds).as("random picks collide, yet many succeed").hasSizeBetween(100, 200);
        assertThat(holds).extracting(Reservation::seatId).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seat WHERE concert_date_id = ? AND status = 'HELD'",
                Integer.class, date.dateId())).isEqualTo(holds.size());
        holds.forEach(hold -> assertThat(catalog.seatHolder(hold.seatId())).isEqualTo(hold.id()));

        Set<Long> seatsOfDate = new HashSet<>(seats);
        Map<Long, Long> eventsPerReservation = events.published(SeatReserved.class,
                        e -> seatsOfDate.contains(e.seatId())).stream()
                .collect(Collectors.groupingBy(SeatReserved::reservationId, Collectors.counting()));
        assertThat(eventsPerReservation).containsOnlyKeys(holds.stream().map(Reservation::id).toList());
        assertThat(eventsPerReservation.values()).allMatch(count -> count == 1);
    }

    // ---- the per-user limit

    @Test
    void oneUserHoldingManySeatsAtOnceStopsAtTheLimit() {
        TestCatalog.Date date = catalog.concertWithSeats(20, 80_000);
        long userId = newUser();

        List<Object> results = race(20, i -> List.of(() -> hold(userId, date, date.seatIds().get(i))));

        assertThat(successes(results)).hasSize(4);
        assertThat(results).filteredOn(ConcertException.HoldLimitReached.class::isInstance).hasSize(16);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE user_id = ? AND status = 'HELD'",
                Integer.class, userId)).isEqualTo(4);
    }

    @Test
    void expiredHoldsNoLongerCountTowardsTheLimitEvenBeforeTheyAreReleased() {
        TestCatalog.Date date = catalog.concertWithSeats(6, 80_000);
        long userId = newUser();
        for (int i = 0; i < 4; i++) {
            hold(userId, date, date.seatIds().get(i));
        }
        assertThatThrownBy(() -> hold(userId, date, date.seatIds().get(4)))
                .isInstanceOf(ConcertException.HoldLimitReached.class);

        clock.advance(HOLD);

        assertThat(hold(userId, date, date.seatIds().get(4)).seatId()).isEqualTo(date.seatIds().get(4));
    }

    // ---- releasing expired holds

    @Test
    void holdIsKeptUntilItsExpiryThenReleasedAndTheSeatCanBeHeldAgain() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 80_000);
        long seatId = date.seatIds().getFirst();
        Reservation first = hold(newUser(), date, seatId);

        clock.advance(HOLD.minusSeconds(1));
        releaseJob.releaseAllExpired();
        assertThat(catalog.reservationStatus(first.id())).isEqualTo("HELD");
        assertThatThrownBy(() -> hold(newUser(), date, seatId))
                .isInstanceOf(ConcertException.SeatNotAvailable.class);

        clock.advance(Duration.ofSeconds(1));
        releaseJob.releaseAllExpired();
        assertThat(catalog.reservationStatus(first.id())).isEqualTo("RELEASED");
        assertThat(catalog.seatStatus(seatId)).isEqualTo("AVAILABLE");
        assertThat(catalog.seatHolder(seatId)).isNull();

        Reservation second = hold(newUser(), date, seatId);
        assertThat(catalog.seatHolder(seatId)).isEqualTo(second.id());
    }

    @Test
    void twoReleaseJobsRacingReleaseEveryExpiredHoldExactlyOnce() {
        TestCatalog.Date date = catalog.concertWithSeats(60, 80_000);
        List<Reservation> holds = date.seatIds().stream().map(seatId -> hold(newUser(), date, seatId)).toList();
        clock.advance(HOLD);

        List<Race.Outcome<Integer>> jobs = Race.run(2, i -> releaseJob::releaseAllExpired);

        assertThat(jobs).allMatch(Race.Outcome::succeeded);
        assertThat(jobs.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(60);
        for (Reservation hold : holds) {
            assertThat(catalog.reservationStatus(hold.id())).isEqualTo("RELEASED");
            assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("AVAILABLE");
        }
        Set<Long> ids = holds.stream().map(Reservation::id).collect(Collectors.toSet());
        List<SeatReleased> released = events.published(SeatReleased.class, e -> ids.contains(e.reservationId()));
        assertThat(released).hasSize(60);
        assertThat(released).extracting(SeatReleased::reservationId).doesNotHaveDuplicates();
        assertThat(released).allSatisfy(event -> {
            assertThat(event.reason()).isEqualTo(SeatReleased.Reason.EXPIRED);
            assertThat(event.concertDateId()).isEqualTo(date.dateId());
        });
    }

    @Test
    void releaseJobIsScheduledAtTheConfiguredInterval() {
        assertThat(scheduledTasks.getScheduledTasks())
                .map(scheduled -> scheduled.getTask())
                // the runnable is wrapped for outcome tracking; its description names the scheduled method
                .filteredOn(task -> task instanceof FixedDelayTask
                        && task.toString().endsWith("ReleaseScheduler.releaseExpiredHolds"))
                .singleElement()
                .satisfies(task -> assertThat(((FixedDelayTask) task).getIntervalDuration())
                        .isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void holdsLeftHeldMoreThanOneReleaseIntervalPastTheirExpiryShowOnTheOverdueGauge() {
        Gauge overdue = meters.get("concert.holds.overdue").gauge();
        TestCatalog.Date date = catalog.concertWithSeats(3, 80_000);
        date.seatIds().forEach(seatId -> hold(newUser(), date, seatId));
        assertThat(overdue.value()).isZero();

        // expired, but the job (every hour in this class) may still be on its way: not overdue yet
        clock.advance(HOLD.plusMinutes(59));
        assertThat(overdue.value()).isZero();

        // a run was missed and the seats are still blocked: ops see them
        clock.advance(Duration.ofMinutes(2));
        assertThat(overdue.value()).isEqualTo(3);

        releaseJob.releaseAllExpired();
        assertThat(overdue.value()).isZero();
    }

    // ---- confirming paid holds (PaymentCompleted through Kafka, as payment-service sends it)

    @Test
    void paymentForALiveHoldSellsTheSeat() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 120_000);
        Reservation hold = hold(newUser(), date, date.seatIds().getFirst());

        publish(payment(hold, 501));

        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(hold.id()).equals("CONFIRMED"));
        assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("SOLD");
        assertThat(catalog.seatHolder(hold.seatId())).isEqualTo(hold.id());
        assertThat(events.published(ReservationConfirmed.class, e -> e.reservationId() == hold.id()))
                .singleElement().satisfies(event -> {
                    assertThat(event.paymentId()).isEqualTo(501);
                    assertThat(event.userId()).isEqualTo(hold.userId());
                    assertThat(event.seatId()).isEqualTo(hold.seatId());
                    assertThat(event.concertDateId()).isEqualTo(date.dateId());
                });
        assertThat(events.published(ReservationConfirmationFailed.class, e -> e.reservationId() == hold.id()))
                .isEmpty();
    }

    @Test
    void paymentForAnExpiredHoldNotYetReleasedStillSellsTheSeatAndTheJobLeavesItAlone() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 120_000);
        Reservation hold = hold(newUser(), date, date.seatIds().getFirst());
        clock.advance(HOLD.plusMinutes(1));

        publish(payment(hold, 502));
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(hold.id()).equals("CONFIRMED"));
        releaseJob.releaseAllExpired();

        assertThat(catalog.reservationStatus(hold.id())).isEqualTo("CONFIRMED");
        assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("SOLD");
        assertThat(events.published(SeatReleased.class, e -> e.reservationId() == hold.id())).isEmpty();
    }

    @Test
    void paymentForAReleasedSeatTakenByAnotherUserAsksForARefund() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 120_000);
        long seatId = date.seatIds().getFirst();
        Reservation late = hold(newUser(), date, seatId);
        clock.advance(HOLD);
        releaseJob.releaseAllExpired();
        Reservation retaken = hold(newUser(), date, seatId);

        publish(payment(late, 503));

        ReservationConfirmationFailed failed = awaitOne(ReservationConfirmationFailed.class,
                e -> e.reservationId() == late.id());
        assertThat(failed.paymentId()).isEqualTo(503);
        assertThat(failed.userId()).isEqualTo(late.userId());
        assertThat(failed.reason()).isEqualTo(ConfirmationDecision.Reject.HOLD_RELEASED);
        assertThat(catalog.reservationStatus(late.id())).isEqualTo("RELEASED");
        assertThat(catalog.seatStatus(seatId)).isEqualTo("HELD");
        assertThat(catalog.seatHolder(seatId)).isEqualTo(retaken.id());
        assertThat(events.published(ReservationConfirmed.class, e -> e.reservationId() == late.id())).isEmpty();
    }

    @Test
    void replayedPaymentsChangeNothingAndASecondPaymentIsRefunded() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 120_000);
        Reservation hold = hold(newUser(), date, date.seatIds().getFirst());
        PaymentCompleted paid = payment(hold, 504);
        PaymentCompleted republished = new PaymentCompleted(UUID.randomUUID(), paid.eventType(),
                paid.schemaVersion(), paid.occurredAt(), paid.paymentId(), paid.reservationId(), paid.userId(),
                paid.seatId(), paid.amount(), paid.concertId());

        publish(paid);
        publish(paid);
        publish(republished);
        // same key, so processed after the replays: once its answer is out, the replays have been handled
        publish(payment(hold, 505));

        ReservationConfirmationFailed refund = awaitOne(ReservationConfirmationFailed.class,
                e -> e.reservationId() == hold.id());
        assertThat(refund.paymentId()).isEqualTo(505);
        assertThat(refund.reason()).isEqualTo(ConfirmationDecision.Reject.ALREADY_CONFIRMED);
        assertThat(events.published(ReservationConfirmed.class, e -> e.reservationId() == hold.id()))
                .singleElement().satisfies(event -> assertThat(event.paymentId()).isEqualTo(504));
        assertThat(catalog.reservationStatus(hold.id())).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForObject("SELECT payment_id FROM reservation WHERE id = ?", Long.class, hold.id()))
                .isEqualTo(504);
        assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("SOLD");
    }

    @Test
    void replayedPaymentForAReleasedHoldAsksForOneRefundOnly() {
        TestCatalog.Date date = catalog.concertWithSeats(1, 120_000);
        Reservation hold = hold(newUser(), date, date.seatIds().getFirst());
        clock.advance(HOLD);
        releaseJob.releaseAllExpired();
        PaymentCompleted paid = payment(hold, 506);

        publish(paid);
        publish(paid);
        publish(payment(hold, 507));

        awaitOne(ReservationConfirmationFailed.class, e -> e.paymentId() == 507);
        assertThat(events.published(ReservationConfirmationFailed.class, e -> e.paymentId() == 506)).hasSize(1);
        assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("AVAILABLE");
    }

    @Test
    void paymentForAnUnknownReservationAsksForARefund() {
        long unknown = 9_000_000_000L;
        publish(PaymentCompleted.of(clock, 508, unknown, newUser(), 1, 80_000, 1L));

        assertThat(awaitOne(ReservationConfirmationFailed.class, e -> e.reservationId() == unknown).reason())
                .isEqualTo(ConfirmationDecision.Reject.RESERVATION_NOT_FOUND);
    }

    @Test
    void confirmationsRacingTheReleaseJobNeverBothWin() {
        TestCatalog.Date date = catalog.concertWithSeats(40, 80_000);
        List<Reservation> holds = date.seatIds().stream().map(seatId -> hold(newUser(), date, seatId)).toList();
        clock.advance(HOLD);

        List<Race.Outcome<Object>> outcomes = Race.run(holds.size() + 1, i -> () -> {
            if (i == holds.size()) {
                return releaseJob.releaseAllExpired();
            }
            confirmPaidReservation.on(payment(holds.get(i), 10_000 + i));
            return null;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        Set<Long> ids = holds.stream().map(Reservation::id).collect(Collectors.toSet());
        List<DomainEvent> published = events.published().stream().filter(e -> ids.contains(e.reservationId()))
                .toList();
        int confirmed = 0;
        for (Reservation hold : holds) {
            List<String> types = published.stream().filter(e -> e.reservationId() == hold.id())
                    .map(DomainEvent::eventType).sorted().toList();
            if (catalog.reservationStatus(hold.id()).equals("CONFIRMED")) {
                confirmed++;
                assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("SOLD");
                assertThat(types).containsExactly(ReservationConfirmed.TYPE, SeatReserved.TYPE);
            } else {
                assertThat(catalog.reservationStatus(hold.id())).isEqualTo("RELEASED");
                assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("AVAILABLE");
                assertThat(types).containsExactly(ReservationConfirmationFailed.TYPE, SeatReleased.TYPE,
                        SeatReserved.TYPE);
            }
        }
        assertThat(confirmed + (Integer) outcomes.getLast().value()).isEqualTo(holds.size());
    }

    // ---- helpers

    /** One unit of work of a racing thread; refusals are results, anything else fails the test. */
    private interface Attempt {
        Object run();
    }

    private static List<Object> race(int threads, IntFunction<List<Attempt>> attemptsOfThread) {
        List<Race.Outcome<List<Object>>> outcomes = Race.run(threads, thread -> {
            List<Attempt> attempts = attemptsOfThread.apply(thread);
            return () -> {
                List<Object> results = new ArrayList<>();
                for (Attempt attempt : attempts) {
                    try {
                        results.add(attempt.run());
                    } catch (ConcertException refused) {
                        results.add(refused);
                    }
                }
                return results;
            };
        });
        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        return outcomes.stream().flatMap(outcome -> outcome.value().stream()).toList();
    }

    private static List<Reservation> successes(List<Object> results) {
        return results.stream().filter(Reservation.class::isInstance).map(Reservation.class::cast).toList();
    }

    private static long newUser() {
        return USER_IDS.incrementAndGet();
    }

    private Reservation hold(long userId, TestCatalog.Date date, long seatId) {
        return holdSeat.hold(new HoldSeat.Command(userId, date.concertId(), date.dateId(), seatId));
    }

    private PaymentCompleted payment(Reservation hold, long paymentId) {
        return PaymentCompleted.of(clock, paymentId, hold.id(), hold.userId(), hold.seatId(), hold.price(), hold.concertId());
    }

    private void publish(PaymentCompleted event) {
        kafka.send(Topics.PAYMENT_EVENTS, event.key(), EventCodec.toJson(event)).join();
    }

    private <T extends DomainEvent> T awaitOne(Class<T> type, Predicate<T> filter) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> !events.published(type, filter).isEmpty());
        List<T> found = events.published(type, filter);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}
