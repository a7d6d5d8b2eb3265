package dev.ticketing.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.payment.application.PaymentRepository;
import dev.ticketing.payment.application.ReservationViewRepository;
import dev.ticketing.payment.support.ConcertPeer;
import dev.ticketing.payment.support.HttpApi;
import dev.ticketing.payment.support.PaymentEventsRecorder;
import dev.ticketing.payment.support.PaymentTestConfiguration;
import dev.ticketing.payment.support.ReservationEventsPublisher;
import dev.ticketing.payment.support.ReservationViewProbe;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What every test of the running service shares: its HTTP API, both ends of Kafka, a clock to move, and a fresh
 * reservation id per test. Subclasses declare {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@code @RealInfrastructure(kafka = true)}.
 */
@Import(PaymentTestConfiguration.class)
// refunds are retried on the scheduler's real back-off, so the clock runs
@TestPropertySource(properties = TestClockConfiguration.RUNNING + "=true")
abstract class PaymentApiTest {

    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    /** concert-service's internal route, asked when the view lacks a reservation; one for every test class. */
    static final ConcertPeer CONCERT = ConcertPeer.start();

    @DynamicPropertySource
    static void concertAddress(DynamicPropertyRegistry registry) {
        registry.add("peers.concert.base-url", CONCERT::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    ReservationEventsPublisher events;

    @Autowired
    PaymentEventsRecorder paymentEvents;

    @Autowired
    ReservationViewRepository views;

    @Autowired
    PaymentRepository payments;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    HttpApi api;
    long reservationId;

    @BeforeEach
    void connect() {
        api = new HttpApi("http://127.0.0.1:" + port);
        reservationId = events.newReservationId();
    }

    /** concert-service holds this test's reservation for {@code user}; returns once payments knows it. */
    void hold(long user, long price) {
        events.publish(events.seatReserved(reservationId, user, price));
        ReservationViewProbe.await(views, reservationId, view -> true);
    }

    /** Waits until payment-service's consumer has applied this event (its inbox row is written in the same commit). */
    void awaitProcessed(UUID eventId) {
        await("event " + eventId + " processed").atMost(EVENT_TIMEOUT).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?")
                        .param(eventId.toString()).query(Long.class).single() > 0);
    }

    static void assertProblem(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.field("type")).isEqualTo("https://ticketing.dev/problems/"
                + code.toLowerCase().replace('_', '-'));
        assertThat(response.field("title")).isNotBlank();
        assertThat(response.field("detail")).isNotBlank();
    }
}
