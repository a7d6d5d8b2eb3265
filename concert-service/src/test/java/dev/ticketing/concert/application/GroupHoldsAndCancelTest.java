package dev.ticketing.concert.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.ReservedSeat;
import dev.ticketing.concert.support.ConcertTestConfiguration;
import dev.ticketing.concert.support.ReservationEvents;
import dev.ticketing.concert.support.TestCatalog;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Several seats in one reservation, the purchase limit per user and date, and cancelling (issue 17), against real
 * MariaDB and Kafka, through the use cases the API calls.
 */
@SpringBootTest(properties = {"concert.release.interval=1h", "concert.release.batch-size=7"})
@RealInfrastructure(kafka = true)
@Import(ConcertTestConfiguration.class)
class GroupHoldsAndCancelTest {

    private static final Duration HOLD = Duration.ofMinutes(5);
    private static final AtomicLong USER_IDS = new AtomicLong(5_000_000);

    @Autowired
    HoldSeat holdSeat;
    @Autowired
    CancelReservation cancelReservation;
    @Autowired
    ReservationQuery reservations;
    @Autowired
    ReleaseExpiredHolds releaseJob;
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

    @BeforeEach
    void noExpiredHoldLeftFromAnotherTest() {
        clock.advance(HOLD.plusMinutes(1));
        releaseJob.releaseAllExpired();
    }

    // ---- several seats at once under contention

    @Test
    void thousandUsersHoldingOverlappingGroupsGetWholeGroupsOrNothingAndNeverShareASeat() {
        TestCatalog.Date date = catalog.concertWithSeats(300, 50_000);
        List<Long> seats = date.seatIds();
        long firstUser = USER_IDS.getAndAdd(1000) + 1;
        List<List<Long>> wanted = IntStream.range(0, 1000).mapToObj(user -> {
            Random random = new Random(user);
            List<Long> shuffled = new ArrayList<>(seats);
            Collections.shuffle(shuffled, random);
            return List.copyOf(shuffled.subList(0, 2 + random.nextInt(3)));
        }).toList();

        List<Race.Outcome<Object>> outcomes = Race.run(1000, user -> () -> {
            try {
                return holdSeat.hold(new HoldSeat.Command(firstUser + user, date.concertId(), date.dateId(),
                        wanted.get(user)));
            } catch (ConcertException refused) {
                return refused;
            }
        });

        assertThat(outcomes).as("no deadlock, no error: every answer a hold or a refusal")
                .allMatch(Race.Outcome::succeeded);
        List<Reservation> holds = new ArrayList<>();
        for (int user = 0; user < 1000; user++) {
            Object result = outcomes.get(user).value();
            if (result instanceof Reservation hold) {
                assertThat(hold.seatIds()).containsExactlyInAnyOrderElementsOf(wanted.get(user));
                holds.add(hold);
            } else {
                assertThat(result).isInstanceOf(ConcertException.SeatNotAvailable.class);
                assertThat(((ConcertException.SeatNotAvailable) result).seatIds()).isNotEmpty()
                        .isSubsetOf(wanted.get(user));
            }
        }
        assertThat(holds).as("overlapping picks collide, yet many succeed").hasSizeBetween(50, 150);

        List<Long> heldSeats = holds.stream().flatMap(hold -> hold.seatIds().stream()).toList();
        assertThat(heldSeats).as("no seat in two live holds").doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seat WHERE concert_date_id = ? AND status = 'HELD'",
                Integer.class, date.dateId())).as("seats marked held = seats of the holds").isEqualTo(heldSeats.size());
        assertThat(jdbc.queryForObject("""
                        SELECT COALESCE(SUM(seat_count), 0) FROM reservation
                        WHERE concert_date_id = ? AND status = 'HELD'""", Integer.class, date.dateId()))
                .isEqualTo(heldSeats.size());
        for (Reservation hold : holds) {
            hold.seatIds().forEach(seat -> assertThat(catalog.seatHolder(seat)).isEqualTo(hold.id()));
            assertThat(hold.price()).isEqualTo(50_000L * hold.seatCount());
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE concert_date_id = ?", Integer.class,
                date.dateId())).as("a refused group leaves no reservation behind").isEqualTo(holds.size());

        Set<Long> seatsOfDate = new HashSet<>(seats);
        Map<Long, Long> eventsPerReservation = events.published(SeatReserved.class,
                        e -> seatsOfDate.contains(e.seatId())).stream()
                .collect(Collectors.groupingBy(SeatReserved::reservationId, Collectors.counting()));
        assertThat(eventsPerReservation).containsOnlyKeys(holds.stream().map(Reservation::id).toList());
        assertThat(eventsPerReservation.values()).allMatch(count -> count == 1);
    }

    @Test
    void twoUsersAskingForTheSameSeatsInOppositeOrdersNeverDeadlock() {
        TestCatalog.Date date = catalog.concertWithSeats(200, 50_000);
        List<Long> seats = date.seatIds();
        long firstUser = USER_IDS.getAndAdd(200) + 1;

        // pair i: one user asks for [a, b], the other for [b, a]; locked in request order, they would wait for each
        // other (InnoDB kills one as a deadlock victim); locked in ascending seat id order, one simply waits
        List<Race.Outcome<Object>> outcomes = Race.run(200, thread -> () -> {
            long a = seats.get(thread / 2 * 2);
            long b = seats.get(thread / 2 * 2 + 1);
            try {
                return holdSeat.hold(new HoldSeat.Command(firstUser + thread, date.concertId(), date.dateId(),
                        thread % 2 == 0 ? List.of(a, b) : List.of(b, a)));
            } catch (ConcertException refused) {
                return refused;
            }
        });

        assertThat(outcomes).as("no deadlock victim, no error").allMatch(Race.Outcome::succeeded);
        for (int pair = 0; pair < 100; pair++) {
            List<Object> answers = List.of(outcomes.get(2 * pair).value(), outcomes.get(2 * pair + 1).value());
            assertThat(answers).filteredOn(Reservation.class::isInstance).as("pair %d", pair).hasSize(1);
            assertThat(answers).filteredOn(ConcertException.SeatNotAvailable.class::isInstance).hasSize(1);
        }
    }

    @Test
    void aGroupWithOneTakenSeatHoldsNoneAndNamesTheTakenSeat() {
        TestCatalog.Date date = catalog.concertWithSeats(4, 70_000);
        List<Long> seats = date.seatIds();
        hold(newUser(), date, List.of(seats.get(2)));
        long userId = newUser();

        assertThatThrownBy(() -> hold(userId, date, List.of(seats.get(3), seats.get(2), seats.get(0))))
                .isInstanceOfSatisfying(ConcertException.SeatNotAvailable.class,
                        refused -> assertThat(refused.seatIds()).containsExactly(seats.get(2)));

        assertThat(catalog.seatStatus(seats.get(0))).isEqualTo("AVAILABLE");
        assertThat(catalog.seatStatus(seats.get(3))).isEqualTo("AVAILABLE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reservation WHERE user_id = ?", Integer.class, userId))
                .isZero();
        Reservation group = hold(userId, date, List.of(seats.get(3), seats.get(0), seats.get(1)));
        assertThat(group.seatIds()).containsExactly(seats.get(0), seats.get(1), seats.get(3));
        assertThat(group.seatId()).isEqualTo(seats.get(0));
        assertThat(group.price()).isEqualTo(210_000);
    }

    // ---- the purchase limit per user and date

    @Test
    void aUserFiringTenGroupHoldsAtOnceNeverHoldsAndOwnsMoreThanTheLimitOfADate() {
        TestCatalog.Date date = catalog.concertWithSeats(40, 60_000);
        List<Long> seats = date.seatIds();
        long userId = newUser();
        Reservation bought = hold(userId, date, List.of(seats.getFirst()));
        pay(bought, 9_001);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(bought.id()).equals("CONFIRMED"));

        // ten requests of 2 or 3 disjoint seats, on ten threads: "two devices" and more of the same user at once
        List<Race.Outcome<Object>> outcomes = Race.run(10, attempt -> () -> {
            int size = 2 + attempt % 2;
            List<Long> group = seats.subList(1 + attempt * 3, 1 + attempt * 3 + size);
            try {
                return hold(userId, date, group);
            } catch (ConcertException refused) {
                return refused;
            }
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Reservation> holds = outcomes.stream().map(Race.Outcome::value)
                .filter(Reservation.class::isInstance).map(Reservation.class::cast).toList();
        assertThat(holds).as("one group of 2 or 3 fits next to the seat bought").hasSize(1);
        assertThat(outcomes).map(Race.Outcome::value).filteredOn(result -> !(result instanceof Reservation))
                .allMatch(refusal -> refusal instanceof ConcertException.PurchaseLimitReached
                        // a group of 3 held first: 3 live + 2 more is over the held-at-once limit, checked first
                        || refusal instanceof ConcertException.HoldLimitReached)
                .hasSize(9);
        assertThat(heldOrSold(userId, date)).isLessThanOrEqualTo(4).isEqualTo(1 + holds.getFirst().seatCount());
    }

    @Test
    void soldSeatsCountTowardsTheLimitOfTheirDateOnlyAndAReleasedHoldNoLonger() {
        TestCatalog.Date date = catalog.concertWithSeats(10, 60_000);
        long otherDate = catalog.addDate(date.concertId(), java.time.Instant.parse("2027-06-02T10:00:00Z"));
        catalog.addSeats(otherDate, 5, 60_000);
        List<Long> seats = date.seatIds();
        long userId = newUser();
        Reservation pair = hold(userId, date, seats.subList(0, 2));
        pay(pair, 9_002);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(pair.id()).equals("CONFIRMED"));
        Reservation another = hold(userId, date, seats.subList(2, 4));

        assertThatThrownBy(() -> hold(userId, date, List.of(seats.get(4))))
                .isInstanceOf(ConcertException.PurchaseLimitReached.class);
        TestCatalog.Date second = new TestCatalog.Date(date.concertId(), otherDate, catalog.seatIdsOf(otherDate));
        assertThatThrownBy(() -> hold(userId, second, second.seatIds().subList(0, 3)))
                .as("2 live held seats + 3 > the 4 held at once").isInstanceOf(ConcertException.HoldLimitReached.class);
        assertThat(hold(userId, second, second.seatIds().subList(0, 2)).seatCount()).isEqualTo(2);

        cancelReservation.cancel(userId, another.id());
        assertThat(hold(userId, date, seats.subList(4, 6)).seatCount()).isEqualTo(2);
        assertThat(heldOrSold(userId, date)).isEqualTo(4);
    }

    // ---- paying and releasing a group

    @Test
    void oneGroupIsPaidOnceAndAllItsSeatsAreSold() {
        TestCatalog.Date date = catalog.concertWithSeats(3, 90_000);
        Reservation group = hold(newUser(), date, date.seatIds());
        assertThat(events.published(SeatReserved.class, e -> e.reservationId() == group.id())).singleElement()
                .satisfies(event -> {
                    assertThat(event.seatId()).isEqualTo(date.seatIds().getFirst());
                    assertThat(event.price()).as("the reservation's price: what payment-service charges")
                            .isEqualTo(270_000);
                });

        pay(group, 9_003);

        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(group.id()).equals("CONFIRMED"));
        date.seatIds().forEach(seat -> assertThat(catalog.seatStatus(seat)).isEqualTo("SOLD"));
        assertThat(events.published(ReservationConfirmed.class, e -> e.reservationId() == group.id())).hasSize(1);
        assertThat(events.published(ReservationConfirmationFailed.class, e -> e.reservationId() == group.id()))
                .isEmpty();
    }

    @Test
    void anExpiredGroupIsReleasedTogetherWithOneEvent() {
        TestCatalog.Date date = catalog.concertWithSeats(3, 90_000);
        Reservation group = hold(newUser(), date, date.seatIds());

        clock.advance(HOLD);
        releaseJob.releaseAllExpired();

        assertThat(catalog.reservationStatus(group.id())).isEqualTo("RELEASED");
        date.seatIds().forEach(seat -> assertThat(catalog.seatStatus(seat)).isEqualTo("AVAILABLE"));
        assertThat(events.published(SeatReleased.class, e -> e.reservationId() == group.id())).singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo(SeatReleased.Reason.EXPIRED));
    }

    // ---- cancelling

    @Test
    void aCancelledHoldIsBookableBySomeoneElseAtOnceAndTheReleaseJobAddsNoSecondEvent() {
        TestCatalog.Date date = catalog.concertWithSeats(2, 80_000);
        long userId = newUser();
        Reservation group = hold(userId, date, date.seatIds());

        Reservation cancelled = cancelReservation.cancel(userId, group.id());

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(cancelled.releaseReason()).isEqualTo(ReleaseReason.CANCELLED);
        date.seatIds().forEach(seat -> assertThat(catalog.seatStatus(seat)).isEqualTo("AVAILABLE"));
        Reservation next = hold(newUser(), date, List.of(date.seatIds().get(1)));
        assertThat(next.status()).isEqualTo(ReservationStatus.HELD);

        assertThat(cancelReservation.cancel(userId, group.id())).as("cancelling twice answers the same")
                .isEqualTo(cancelled);
        clock.advance(HOLD);
        releaseJob.releaseAllExpired();
        assertThat(events.published(SeatReleased.class, e -> e.reservationId() == group.id())).singleElement()
                .satisfies(event -> {
                    assertThat(event.reason()).isEqualTo(SeatReleased.Reason.CANCELLED);
                    assertThat(event.userId()).isEqualTo(userId);
                    assertThat(event.seatId()).isEqualTo(date.seatIds().getFirst());
                });
        assertThat(reservations.ownReservation(userId, group.id()).releaseReason()).isEqualTo(ReleaseReason.CANCELLED);
    }

    @Test
    void cancelsRacingTheReleaseJobEndEachHoldOnceWithOneEvent() {
        TestCatalog.Date date = catalog.concertWithSeats(60, 80_000);
        long firstUser = USER_IDS.getAndAdd(30) + 1;
        List<Reservation> holds = IntStream.range(0, 30)
                .mapToObj(i -> hold(firstUser + i, date, date.seatIds().subList(i * 2, i * 2 + 2)))
                .toList();
        clock.advance(HOLD);

        List<Race.Outcome<Object>> outcomes = Race.run(32, thread -> () -> thread < 30
                ? cancelReservation.cancel(firstUser + thread, holds.get(thread).id())
                : releaseJob.releaseAllExpired());

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        Set<Long> ids = holds.stream().map(Reservation::id).collect(Collectors.toSet());
        Map<Long, Long> releases = events.published(SeatReleased.class, e -> ids.contains(e.reservationId())).stream()
                .collect(Collectors.groupingBy(SeatReleased::reservationId, Collectors.counting()));
        assertThat(releases).containsOnlyKeys(ids);
        assertThat(releases.values()).allMatch(count -> count == 1);
        date.seatIds().forEach(seat -> assertThat(catalog.seatStatus(seat)).isEqualTo("AVAILABLE"));
    }

    @Test
    void aPaidReservationCannotBeCancelledAndSomeoneElsesIsNotFound() {
        TestCatalog.Date date = catalog.concertWithSeats(2, 80_000);
        long userId = newUser();
        Reservation hold = hold(userId, date, List.of(date.seatIds().getFirst()));

        assertThatThrownBy(() -> cancelReservation.cancel(newUser(), hold.id()))
                .isInstanceOf(ConcertException.ReservationNotFound.class);
        assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("HELD");

        pay(hold, 9_004);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(hold.id()).equals("CONFIRMED"));
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cancelReservation.cancel(userId, hold.id()))
                    .isInstanceOf(ConcertException.ReservationAlreadyPaid.class);
        }
        assertThat(catalog.seatStatus(hold.seatId())).isEqualTo("SOLD");
        assertThatThrownBy(() -> cancelReservation.cancel(userId, 987_654_321L))
                .isInstanceOf(ConcertException.ReservationNotFound.class);
    }

    @Test
    void aPaymentArrivingAfterTheCancelAsksForARefund() {
        TestCatalog.Date date = catalog.concertWithSeats(2, 80_000);
        long userId = newUser();
        Reservation hold = hold(userId, date, date.seatIds());
        cancelReservation.cancel(userId, hold.id());

        pay(hold, 9_005);

        await().atMost(Duration.ofSeconds(30)).until(() -> !events.published(ReservationConfirmationFailed.class,
                e -> e.reservationId() == hold.id()).isEmpty());
        date.seatIds().forEach(seat -> assertThat(catalog.seatStatus(seat)).isEqualTo("AVAILABLE"));
    }

    // ---- my reservations

    @Test
    void myReservationsAreMineNewestFirstWithTheirSeatsAndPayment() {
        TestCatalog.Date date = catalog.concertWithSeats(6, 40_000);
        long userId = newUser();
        Reservation first = hold(userId, date, List.of(date.seatIds().getFirst()));
        pay(first, 9_006);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.reservationStatus(first.id()).equals("CONFIRMED"));
        Reservation second = hold(userId, date, date.seatIds().subList(1, 3));
        hold(newUser(), date, List.of(date.seatIds().get(4)));

        ReservationQuery.Page page = reservations.reservationsOf(userId, Optional.empty(), 0, 20);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(listing -> listing.reservation().id())
                .containsExactly(second.id(), first.id());
        Reservation paid = page.items().get(1).reservation();
        assertThat(paid.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(paid.paymentId()).isEqualTo(9_006L);
        assertThat(page.items().getFirst().reservation().seats()).extracting(ReservedSeat::seatId)
                .containsExactlyElementsOf(date.seatIds().subList(1, 3));
        assertThat(page.items().getFirst().concertTitle()).startsWith("Test concert");
        assertThat(reservations.reservationsOf(userId, Optional.of(ReservationStatus.HELD), 0, 20).items())
                .extracting(listing -> listing.reservation().id()).containsExactly(second.id());
        assertThat(reservations.reservationsOf(userId, Optional.empty(), 1, 1).items())
                .extracting(listing -> listing.reservation().id()).containsExactly(first.id());
    }

    // ---- helpers

    private int heldOrSold(long userId, TestCatalog.Date date) {
        return jdbc.queryForObject("""
                        SELECT COUNT(*) FROM seat s JOIN reservation r ON r.id = s.reservation_id
                        WHERE r.user_id = ? AND s.concert_date_id = ? AND s.status IN ('HELD', 'SOLD')""",
                Integer.class, userId, date.dateId());
    }

    private static long newUser() {
        return USER_IDS.incrementAndGet();
    }

    private Reservation hold(long userId, TestCatalog.Date date, List<Long> seatIds) {
        return holdSeat.hold(new HoldSeat.Command(userId, date.concertId(), date.dateId(), seatIds));
    }

    private void pay(Reservation hold, long paymentId) {
        PaymentCompleted event = PaymentCompleted.of(clock, paymentId, hold.id(), hold.userId(), hold.seatId(),
                hold.price(), hold.concertId());
        kafka.send(Topics.PAYMENT_EVENTS, event.key(), EventCodec.toJson(event)).join();
    }
}
