package dev.ticketing.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.PaymentRefunded;
import dev.ticketing.payment.domain.PaymentStatus;
import dev.ticketing.payment.infrastructure.userpoint.UserPointClient;
import dev.ticketing.payment.support.DelayingProxy;
import dev.ticketing.payment.support.HttpApi;
import dev.ticketing.payment.support.UserPointService;
import dev.ticketing.testsupport.RealInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * user-point-service stopped or answering too slowly: the user gets a clear 503, the payment stays PENDING, the
 * circuit opens, and the same request once it is back completes the payment with the single debit it may already
 * have caused. payment-service reaches the real user-point-service through a proxy that can hold its answers back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peers.user-point.read-timeout=500ms",
        "resilience4j.circuitbreaker.instances.user-point.wait-duration-in-open-state=2s",
        // two payments' three tries each, not application.yml's 20 calls within 10 s (a burst's figure)
        "resilience4j.circuitbreaker.instances.user-point.minimum-number-of-calls=5",
        "payment.jobs.abandoned-payment-interval=500ms",
        "payment.refund-max-back-off=1s"})
@RealInfrastructure(kafka = true)
class UserPointOutageTest extends PaymentApiTest {

    private static final long PRICE = 30_000;

    static UserPointService userPoint;
    static DelayingProxy proxy;

    @DynamicPropertySource
    static void userPointAddress(DynamicPropertyRegistry registry) {
        registry.add("peers.user-point.base-url", () -> {
            if (proxy == null) {
                userPoint = UserPointService.start();
                proxy = DelayingProxy.to(userPoint.port());
            }
            return proxy.baseUrl();
        });
    }

    @AfterAll
    static void stopUserPoint() {
        if (proxy != null) {
            proxy.close();
            userPoint.close();
        }
    }

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Autowired
    MeterRegistry meters;

    CircuitBreaker circuit;

    @BeforeEach
    void closeCircuitAndLetAnswersThrough() {
        circuit = circuitBreakers.circuitBreaker(UserPointClient.PEER);
        circuit.reset();
        proxy.delayResponses(Duration.ZERO);
        proxy.delayBodies(Duration.ZERO);
    }

    @Test
    void stoppedUserPointAnswers503OpensTheCircuitAndTheRetryAfterwardsDebitsOnce() {
        long user = 41;
        hold(user, PRICE);
        userPoint.kill();
        try {
            HttpApi.Response down = api.pay(user, reservationId);

            assertProblem(down, 503, "SERVICE_UNAVAILABLE");
            // Three tries, each counted; the circuit needs five calls (set above) before it judges the failure rate.
            assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
            assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(payment(user)).isEqualTo("PENDING");
            assertProblem(api.pay(user, reservationId), 503, "SERVICE_UNAVAILABLE");
            assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            // what the CircuitBreakerOpen alert reads, under the peer's name
            assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "user-point").tag("state", "open")
                    .gauge().value()).isEqualTo(1.0);

            long started = System.nanoTime();
            assertProblem(api.pay(user, reservationId), 503, "SERVICE_UNAVAILABLE");
            assertThat(circuit.getMetrics().getNumberOfNotPermittedCalls()).as("refused without calling").isPositive();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        } finally {
            userPoint.restart();
        }
        awaitCircuitNotOpen();

        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.field("status")).isEqualTo("COMPLETED");
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
        paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT);
    }

    /** application.yml's window, which the properties above leave alone: the last 10 s, however many calls. */
    @Test
    void theCircuitJudgesTheFailuresOfTheLastTenSecondsNotOfTheLastCalls() {
        CircuitBreakerConfig config = circuit.getCircuitBreakerConfig();

        assertThat(config.getSlidingWindowType()).isEqualTo(CircuitBreakerConfig.SlidingWindowType.TIME_BASED);
        assertThat(config.getSlidingWindowSize()).isEqualTo(10);
        assertThat(config.getFailureRateThreshold()).isEqualTo(50);
    }

    @Test
    void answerLostToATimeoutIsCompletedByTheRetryWithoutASecondDebit() {
        long user = 42;
        hold(user, PRICE);
        proxy.delayResponses(Duration.ofMillis(1500));

        HttpApi.Response slow = api.pay(user, reservationId);

        assertProblem(slow, 503, "SERVICE_UNAVAILABLE");
        assertThat(payment(user)).isEqualTo("PENDING");
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).as("every timed-out try counted").isEqualTo(3);
        proxy.delayResponses(Duration.ZERO);
        // The debit did happen: only its answer was lost.
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);

        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
        assertThat(paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT).paymentId())
                .isEqualTo(paid.paymentId());
    }

    @Test
    void answerCutOffWhileItsBodyIsReadIsAnOutageNotAnError() {
        // Seen under load: the read timeout struck after the headers, while the body was read; the JDK client closed
        // the stream and the JSON converter wrapped the IOException. That is "no answer in time" (503 and PENDING,
        // settled by the retry), not a 500.
        long user = 45;
        hold(user, PRICE);
        proxy.delayBodies(Duration.ofMillis(1500));

        HttpApi.Response slow = api.pay(user, reservationId);

        assertProblem(slow, 503, "SERVICE_UNAVAILABLE");
        assertThat(payment(user)).isEqualTo("PENDING");
        proxy.delayBodies(Duration.ZERO);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);

        HttpApi.Response paid = api.pay(user, reservationId);

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
    }

    @Test
    void paymentAbandonedAfterATimeoutIsSettledByTheJobWithoutASecondDebit() {
        long user = 43;
        hold(user, PRICE);
        proxy.delayResponses(Duration.ofMillis(1500));
        assertProblem(api.pay(user, reservationId), 503, "SERVICE_UNAVAILABLE");
        proxy.delayResponses(Duration.ZERO);

        clock.advance(Duration.ofSeconds(31));

        PaymentCompleted completed = paymentEvents.await(PaymentCompleted.class, reservationId, EVENT_TIMEOUT);
        assertThat(payment(user)).isEqualTo("COMPLETED");
        assertThat(completed.amount()).isEqualTo(PRICE);
        assertThat(userPoint.ledger(user, "DEBIT")).hasSize(1);
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE - PRICE);
    }

    @Test
    void refundOwedWhileUserPointIsStoppedIsPaidOnceItIsBack() {
        long user = 44;
        hold(user, PRICE);
        HttpApi.Response paid = api.pay(user, reservationId);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        userPoint.kill();
        try {
            events.publish(events.confirmationFailed(reservationId, paid.paymentId(), user));

            awaitRefundTries(paid.paymentId(), 2);
            assertThat(payments.findById(paid.paymentId()).orElseThrow().status())
                    .isEqualTo(PaymentStatus.REFUND_PENDING);
            assertThat(payment(user)).as("still debited until the refund lands").isEqualTo("COMPLETED");
            assertThat(paymentEvents.of(PaymentRefunded.class, reservationId)).isEmpty();
        } finally {
            userPoint.restart();
        }

        PaymentRefunded refunded = paymentEvents.await(PaymentRefunded.class, reservationId, EVENT_TIMEOUT);
        assertThat(refunded.amount()).isEqualTo(PRICE);
        assertThat(payment(user)).isEqualTo("REFUNDED");
        assertThat(userPoint.balance(user)).isEqualTo(UserPointService.DEMO_BALANCE);
        assertThat(userPoint.ledger(user, "REFUND")).hasSize(1);
    }

    private void awaitRefundTries(long paymentId, int tries) {
        await("refund of payment " + paymentId + " tried " + tries + " times").atMost(EVENT_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT COALESCE(MAX(tries), 0) FROM refund WHERE payment_id = ?")
                        .param(paymentId).query(Integer.class).single() >= tries);
    }

    /** The payment's state as its owner reads it. */
    private String payment(long user) {
        long paymentId = payments.findByReservationId(reservationId).orElseThrow().id();
        return api.get("/api/payments/" + paymentId, user).field("status");
    }

    private void awaitCircuitNotOpen() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(circuit.getState()).isNotEqualTo(CircuitBreaker.State.OPEN));
    }
}
