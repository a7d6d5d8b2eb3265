package dev.ticketing.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.PaymentRefunded;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.ReservationConfirmed;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.payment.application.ApplyReservationEvent;
import dev.ticketing.payment.application.PayForReservation;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentStatus;
import dev.ticketing.payment.domain.ReservationStatus;
import dev.ticketing.payment.support.HttpApi;
import dev.ticketing.payment.support.ReservationViewProbe;
import dev.ticketing.payment.support.UserPointService;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Paying against the real user-point-service: its ledger is the witness of every point that moved. Timeouts are
 * UserPointOutageTest's subject; here the read timeout is generous so that a build machine busy with other work does
 * not turn a slow debit into a 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "peers.user-point.read-timeout=5s")
@RealInfrastructure(kafka = true)
class PayingTest extends PaymentApiTest {

    private static final long PRICE = 50_000;

    static UserPointService userPoint;

    @DynamicPropertySource
    static void userPointAddress(DynamicPropertyRegistry registry) {
        registry.add("peers.user-point.base-url", () -> {
            if (userPoint == null) {
                userPoint = UserPointService.start();
            }
            return userPoint.baseUrl();
        });
    }

    @AfterAll
    static void stopUserPoint() {
        if (userPoint != null) {
            userPoint.close();
        }
    }

    @Autowired
    ApplyReservationEvent applyReservationEvent;

    @Autowired
    PayForReservation payForReservation;

    @Test
    void aHoldWhoseSeatReservedHasNotArrivedIsPaidOnConcertServicesAnswer() {
        long user = 35;
        long balanceBefore = userPoint.balance(user);
        SeatReserved late = events.seatReserved(reservationId, user, PRICE);
        CONCERT.has(reservationId, user, late.seatId(), PRICE, "HELD", late.holdExpiresAt());

        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.field("status")).isEqualTo("COMPLETED");
        assertThat(paid.body().path("amount").asLong()).isEqualTo(PRICE);
        assertThat(userPoint.balance(user)).isEqualTo(balanceBefore - PRICE);
        assertThat(paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT).seatId())
                .isEqualTo(late.seatId());
        assertThat(views.find(reservationId)).hasValueSatisfying(view ->
                assertThat(view.status()).isEqualTo(ReservationStatus.HELD));

        // the event arriving late changes nothing: the same payment, no second debit
        events.publish(late);
        awaitProcessed(late.eventId());
        HttpApi.Response again = api.pay(user, reservationId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.paymentId()).isEqualTo(paid.paymentId());
        assertThat(userPoint.balance(user)).isEqualTo(balanceBefore - PRICE);
    }

    @Test
    void paidHoldDebitsThePriceOnceAndPublishesPaymentCompleted() {
        long user = 21;
        hold(user, PRICE);

        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.headers().firstValue("Location")).hasValue("/api/payments/" + paid.paymentId());
        assertThat(paid.field("status")).isEqualTo("COMPLETED");
        assertThat(paid.body().path("amount").asLong()).isEqualTo(PRICE);
        assertThat(paid.body().path("reservationId").asLong()).isEqualTo(reservationId);
        assertThat(paid.body().path("userId").asLong()).isEqualTo(user);
        assertThat(paid.field("completedAt")).isNotBlank();

        PaymentCompleted completed = paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT);
        assertThat(completed.paymentId()).isEqualTo(paid.paymentId());
        assertThat(completed.userId()).isEqualTo(user);
        assertThat(completed.amount()).isEqualTo(PRICE);
        assertThat(completed.seatId()).isEqualTo(reservationId + 500_000);
        assertThat(completed.concertId()).as("the reservation's concert, from SeatReserved").isEqualTo(1L);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);

        HttpApi.Response read = api.get("/api/payments/" + paid.paymentId(), user);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(paid.body());
    }

    @Test
    void payingAgainAnswersTheExistingPaymentWithoutDebitingTwice() {
        long user = 22;
        hold(user, PRICE);
        HttpApi.Response first = api.pay(user, reservationId);
        events.publish(ReservationConfirmed.of(clock, reservationId, first.paymentId(), user, 10,
                reservationId + 500_000));
        ReservationViewProbe.await(views, reservationId, view -> view.status() == ReservationStatus.CONFIRMED);

        HttpApi.Response again = api.pay(user, reservationId);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
    }

    @Test
    void payRightAfterHoldingIsPaidOnceWhicheverOfSeatReservedAndConcertServicesAnswerLandsFirst() {
        long user = 23;
        SeatReserved reserved = events.seatReserved(reservationId, user, PRICE);
        // concert-service commits a hold before its outbox publishes SeatReserved: it knows the hold from the start
        CONCERT.has(reservationId, user, reserved.seatId(), PRICE, "HELD", reserved.holdExpiresAt());

        List<Race.Outcome<HttpApi.Response>> outcomes = Race.run(2, i -> () -> {
            if (i == 0) {
                return api.pay(user, reservationId);
            }
            events.publish(reserved);
            return null;
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        HttpApi.Response paid = outcomes.get(0).value();
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        awaitProcessed(reserved.eventId());
        assertThat(views.find(reservationId)).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo(ReservationStatus.HELD);
            assertThat(view.price()).isEqualTo(PRICE);
        });
        HttpApi.Response again = api.pay(user, reservationId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.paymentId()).isEqualTo(paid.paymentId());
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
    }

    @Test
    void twentyConcurrentPayRequestsMakeOnePaymentAndOneDebit() {
        long user = 24;
        hold(user, PRICE);

        List<Race.Outcome<HttpApi.Response>> outcomes = Race.run(20, i -> () -> api.pay(user, reservationId));

        List<HttpApi.Response> answers = outcomes.stream().map(Race.Outcome::value).toList();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
            assertThat(answer.field("status")).isEqualTo("COMPLETED");
        });
        assertThat(answers).filteredOn(answer -> answer.status() == 201).as("one request completed it").hasSize(1);
        assertThat(answers).extracting(HttpApi.Response::paymentId).containsOnly(answers.getFirst().paymentId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE reservation_id = ?").param(reservationId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
        paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT);
        assertThat(outboxRows(PaymentCompleted.TYPE)).isEqualTo(1);
    }

    @Test
    void insufficientBalanceIsRefusedWithNothingDebitedAndNoEvent() {
        long user = 25;
        long tooExpensive = UserPointService.DEMO_BALANCE + 1;
        hold(user, tooExpensive);

        HttpApi.Response refused = api.pay(user, reservationId);

        assertProblem(refused, 409, "INSUFFICIENT_BALANCE");
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE);
        assertThat(userPoint.ledger(user, "DEBIT")).isEmpty();
        assertThat(outboxRows(PaymentCompleted.TYPE)).isZero();
        assertThat(jdbc.sql("SELECT status FROM payment WHERE reservation_id = ?").param(reservationId)
                .query(String.class).single()).isEqualTo("FAILED");
        assertThat(paymentEvents.of(PaymentCompleted.class, reservationId)).isEmpty();
    }

    @Test
    void refusedPaymentCompletesWhenPaidAgainAfterCharging() {
        long user = 26;
        long price = UserPointService.DEMO_BALANCE + 50_000;
        hold(user, price);
        assertProblem(api.pay(user, reservationId), 409, "INSUFFICIENT_BALANCE");

        userPoint.charge(user, 100_000);
        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.field("status")).isEqualTo("COMPLETED");
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE + 100_000 - price);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT).paymentId())
                .isEqualTo(paid.paymentId());
    }

    @Test
    void seatLostWhilePayingIsRefundedExactlyOnceEvenWhenTheFailureIsRedelivered() {
        long user = 27;
        hold(user, PRICE);
        HttpApi.Response paid = api.pay(user, reservationId);
        assertThat(paid.status()).isEqualTo(201);
        // Meanwhile the hold expired and the seat went to someone else: concert-service refuses the confirmation.
        events.publish(events.seatReleased(reservationId, user));
        ReservationConfirmationFailed failed = events.confirmationFailed(reservationId, paid.paymentId(), user);

        events.publish(failed);
        events.publish(failed);
        events.publish(events.confirmationFailed(reservationId, paid.paymentId(), user));

        PaymentRefunded refunded = paymentEvents.await(PaymentRefunded.class, reservationId, EVENT_TIMEOUT);
        assertThat(refunded.paymentId()).isEqualTo(paid.paymentId());
        assertThat(refunded.userId()).isEqualTo(user);
        assertThat(refunded.amount()).isEqualTo(PRICE);
        assertThat(api.get("/api/payments/" + paid.paymentId(), user).field("status")).isEqualTo("REFUNDED");
        assertRefundedOnce(user);
    }

    @Test
    void compensationsRacingEachOtherRefundOnce() {
        long user = 28;
        hold(user, PRICE);
        HttpApi.Response paid = api.pay(user, reservationId);
        ReservationConfirmationFailed failed = events.confirmationFailed(reservationId, paid.paymentId(), user);

        // Redeliveries of one event and distinct reports of the same failure, all at once, straight into the use case.
        List<Race.Outcome<Object>> outcomes = Race.run(8, i -> () -> {
            applyReservationEvent.apply(i % 2 == 0 ? failed
                    : events.confirmationFailed(reservationId, paid.paymentId(), user));
            return null;
        });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        paymentEvents.await(PaymentRefunded.class, reservationId, EVENT_TIMEOUT);
        assertRefundedOnce(user);
    }

    @Test
    void lateDebitOfAnAttemptAlreadyReplacedIsRefundedAndTheNewAttemptPays() {
        long user = 31;
        hold(user, PRICE);
        // A request creates attempt 1 and is slow to reach user-point-service ...
        Payment slowRequestsCopy = payments.insertPending(views.find(reservationId).orElseThrow(), clock.instant())
                .orElseThrow();
        // ... meanwhile attempt 1 is refused for a concurrent request, and the user starts attempt 2.
        assertThat(payments.fail(slowRequestsCopy.id(), 1)).isTrue();
        assertThat(payments.startNextAttempt(slowRequestsCopy.id(), 1, clock.instant())).isTrue();

        // Now the slow request's debit of attempt 1 lands.
        payForReservation.settleAbandoned(slowRequestsCopy);

        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        awaitBalance(user, UserPointService.DEMO_BALANCE);
        assertThat(userPoint.ledger(user, "REFUND")).hasSize(1);
        assertThat(payments.findById(slowRequestsCopy.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(outboxRows(PaymentRefunded.TYPE)).as("not a refund of the payment").isZero();

        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(2);
        assertThat(userPoint.ledger(user, "REFUND")).hasSize(1);
    }

    @Test
    void someoneElsesPaymentIsNotFound() {
        long user = 29;
        hold(user, PRICE);
        HttpApi.Response paid = api.pay(user, reservationId);

        assertProblem(api.get("/api/payments/" + paid.paymentId(), 30L), 404, "PAYMENT_NOT_FOUND");
    }

    private void awaitBalance(long user, long expected) {
        await().atMost(EVENT_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(userPoint.balance(user)).isEqualTo(expected));
    }

    private void assertRefundedOnce(long user) {
        awaitBalance(user, UserPointService.DEMO_BALANCE);
        assertThat(userPoint.ledger(user, "REFUND")).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM refund r JOIN payment p ON p.id = r.payment_id "
                + "WHERE p.reservation_id = ?").param(reservationId).query(Long.class).single()).isEqualTo(1);
        assertThat(outboxRows(PaymentRefunded.TYPE)).isEqualTo(1);
        // a duplicate would be published right behind the first
        await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(500)).untilAsserted(
                () -> assertThat(paymentEvents.of(PaymentRefunded.class, reservationId)).hasSize(1));
    }

    private long outboxRows(String eventType) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE message_key = ? AND event_type = ?")
                .params(Long.toString(reservationId), eventType).query(Long.class).single();
    }

    @Test
    void aRetriedPaymentWithTheSameKeyAnswersTheFirst201AgainAndDebitsOnce() {
        long user = 51;
        hold(user, PRICE);

        HttpApi.Response paid = api.pay(user, reservationId, "\"pay-once\"");
        HttpApi.Response again = api.pay(user, reservationId, "\"pay-once\"");

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Location")).isEqualTo(paid.headers().firstValue("Location"));
        assertThat(again.body()).isEqualTo(paid.body());
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        // without the key, the same request is answered as before: already paid
        assertThat(api.pay(user, reservationId).status()).isEqualTo(200);
    }

    @Test
    void theSameKeyForAnotherReservationIs422() {
        long user = 52;
        hold(user, PRICE);
        long first = reservationId;
        assertThat(api.pay(user, first, "\"pay-422\"").status()).isEqualTo(201);

        HttpApi.Response other = api.pay(user, first + 1, "\"pay-422\"");

        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void twentyParallelPaymentsWithOneKeyPayAndDebitOnceAndAnswerTheReplayOrInUse() {
        long user = 53;
        hold(user, PRICE);

        List<Race.Outcome<HttpApi.Response>> outcomes = Race.run(20, i -> () ->
                api.pay(user, reservationId, "\"pay-race\""));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<HttpApi.Response> paid = outcomes.stream().map(Race.Outcome::value)
                .filter(response -> response.status() == 201).toList();
        assertThat(paid).isNotEmpty();
        assertThat(paid.stream().map(HttpApi.Response::body).distinct()).hasSize(1);
        assertThat(outcomes.stream().map(Race.Outcome::value).filter(response -> response.status() != 201))
                .allSatisfy(response -> {
                    assertThat(response.status()).as(response.toString()).isEqualTo(409);
                    assertThat(response.code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                });
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
    }
}
