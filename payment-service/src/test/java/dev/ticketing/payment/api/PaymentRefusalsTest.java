package dev.ticketing.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.payment.domain.ReservationStatus;
import dev.ticketing.payment.support.HttpApi;
import dev.ticketing.payment.support.ReservationViewProbe;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every way a pay request is refused before any point moves. user-point-service is deliberately unreachable here:
 * a request that got as far as debiting would answer 503, so each refusal below also proves nothing was debited.
 * concert-service's internal route is a real stand-in server ({@code CONCERT}), asked when the view lacks a hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peers.user-point.base-url=http://127.0.0.1:1",
        // each test here gets concert-service's answer for its own reservation, never an open circuit left by another
        "resilience4j.circuitbreaker.instances.concert.minimum-number-of-calls=1000"})
@RealInfrastructure(kafka = true)
class PaymentRefusalsTest extends PaymentApiTest {

    private static final long USER = 11;
    private static final long OTHER_USER = 12;

    @AfterEach
    void nothingWasPaid() {
        assertThat(payments.findByReservationId(reservationId)).isEmpty();
        assertThat(paymentEvents.of(PaymentCompleted.class, reservationId)).isEmpty();
    }

    @Test
    void paymentForAReservationNotYetSeenIsPendingWithRetryAfterWhileConcertServiceCannotAnswer() {
        CONCERT.cannotAnswerFor(reservationId);
        int asked = CONCERT.requests();

        HttpApi.Response response = api.pay(USER, reservationId);

        assertProblem(response, 409, "RESERVATION_PENDING");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(CONCERT.requests()).as("concert-service was asked").isGreaterThan(asked);
    }

    @Test
    void aMissingHoldStaysPendingForAsLongAsConcertServiceCannotAnswerAndIsNotFoundOnlyWhenItSaysSo() {
        CONCERT.cannotAnswerFor(reservationId);
        assertProblem(api.pay(USER, reservationId), 409, "RESERVATION_PENDING");

        // long past the 15 s after which the view alone used to call a late hold not found
        clock.advance(Duration.ofSeconds(40));
        assertProblem(api.pay(USER, reservationId), 409, "RESERVATION_PENDING");

        CONCERT.canAnswerFor(reservationId);
        assertProblem(api.pay(USER, reservationId), 404, "RESERVATION_NOT_FOUND");
    }

    @Test
    void reservationConcertServiceDoesNotHaveIsNotFound() {
        int asked = CONCERT.requests();

        assertProblem(api.pay(USER, reservationId), 404, "RESERVATION_NOT_FOUND");
        assertThat(CONCERT.requests()).as("concert-service was asked").isGreaterThan(asked);
    }

    @Test
    void aHoldMissingFromTheViewIsJudgedOnConcertServicesAnswer() {
        CONCERT.has(reservationId, OTHER_USER, 77, 50_000, "HELD", clock.instant().plus(Duration.ofMinutes(5)));
        assertProblem(api.pay(USER, reservationId), 403, "NOT_YOUR_HOLD");

        long released = events.newReservationId();
        CONCERT.has(released, USER, 78, 50_000, "RELEASED", clock.instant().minusSeconds(1));
        assertProblem(api.pay(USER, released), 409, "HOLD_EXPIRED");
        assertThat(payments.findByReservationId(released)).isEmpty();
    }

    @Test
    void payingForSomeoneElsesHoldIsForbidden() {
        hold(OTHER_USER, 50_000);

        assertProblem(api.pay(USER, reservationId), 403, "NOT_YOUR_HOLD");
    }

    @Test
    void payingAfterTheHoldExpiredIsRefused() {
        hold(USER, 50_000);

        clock.advance(Duration.ofMinutes(5));

        assertProblem(api.pay(USER, reservationId), 409, "HOLD_EXPIRED");
    }

    @Test
    void payingForAReleasedHoldIsRefused() {
        hold(USER, 50_000);
        events.publish(events.seatReleased(reservationId, USER));
        ReservationViewProbe.await(views, reservationId, view -> view.status() == ReservationStatus.RELEASED);

        assertProblem(api.pay(USER, reservationId), 409, "HOLD_EXPIRED");
    }

    @Test
    void payingForAHoldItsHolderCancelledIsRefused() {
        hold(USER, 150_000);
        events.publish(SeatReleased.of(clock, reservationId, USER, 10, reservationId + 500_000,
                SeatReleased.Reason.CANCELLED));
        ReservationViewProbe.await(views, reservationId, view -> view.status() == ReservationStatus.RELEASED);

        assertProblem(api.pay(USER, reservationId), 409, "HOLD_EXPIRED");
    }

    @Test
    void releaseThatOvertookItsSeatReservedIsNotRevivedByIt() {
        events.publish(events.seatReleased(reservationId, USER));
        events.publish(events.seatReserved(reservationId, USER, 50_000));

        var view = ReservationViewProbe.await(views, reservationId, v -> v.price() != null);

        assertThat(view.status()).isEqualTo(ReservationStatus.RELEASED);
        assertProblem(api.pay(USER, reservationId), 409, "HOLD_EXPIRED");
    }

    @Test
    void redeliveredSeatReservedDoesNotReviveAReleasedHold() {
        SeatReserved reserved = events.seatReserved(reservationId, USER, 50_000);
        events.publish(reserved);
        events.publish(events.seatReleased(reservationId, USER));
        events.publish(reserved);
        // Same key, same partition, one consumer: once this one is processed, the redelivery before it was too.
        SeatReleased marker = events.seatReleased(reservationId, USER);
        events.publish(marker);
        awaitProcessed(marker.eventId());

        assertThat(views.find(reservationId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?")
                .param(reserved.eventId().toString()).query(Long.class).single()).isEqualTo(1);
        assertProblem(api.pay(USER, reservationId), 409, "HOLD_EXPIRED");
    }

    @Test
    void requestWithoutUserIdentityIsUnauthenticated() {
        assertProblem(api.post("/api/payments", null, "{\"reservationId\":" + reservationId + "}"), 401,
                "UNAUTHENTICATED");
        assertProblem(api.get("/api/payments/1", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void missingOrNonPositiveReservationIdIsInvalid() {
        assertProblem(api.post("/api/payments", USER, "{}"), 400, "INVALID_REQUEST");
        assertProblem(api.post("/api/payments", USER, "{\"reservationId\":0}"), 400, "INVALID_REQUEST");
        assertProblem(api.post("/api/payments", USER, "{\"reservationId\":-5}"), 400, "INVALID_REQUEST");
    }

    @Test
    void bodyThatIsNotAPayRequestIsMalformed() {
        assertProblem(api.post("/api/payments", USER, "{\"reservationId\":"), 400, "MALFORMED_REQUEST");
        assertProblem(api.post("/api/payments", USER, "{\"reservationId\":\"abc\"}"), 400, "MALFORMED_REQUEST");
        assertProblem(api.post("/api/payments", USER, ""), 400, "MALFORMED_REQUEST");
    }

    @Test
    void userIdOrPaymentIdThatIsNotAPositiveNumberIsInvalid() {
        assertProblem(api.get("/api/payments/abc", USER), 400, "INVALID_REQUEST");
        assertProblem(api.get("/api/payments/0", USER), 400, "INVALID_REQUEST");
        assertProblem(api.post("/api/payments", null, "{\"reservationId\":1}"), 401, "UNAUTHENTICATED");
    }

    @Test
    void unknownPaymentIsNotFound() {
        assertProblem(api.get("/api/payments/987654321", USER), 404, "PAYMENT_NOT_FOUND");
    }

    @Test
    void openApiDescribesBothPaymentRoutes() {
        HttpApi.Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/payments")).isTrue();
        assertThat(docs.body().path("paths").has("/api/payments/{paymentId}")).isTrue();
        assertThat(docs.body().path("paths").path("/api/payments").path("post").path("responses").has("503"))
                .isTrue();
        assertThat(docs.body().path("components").path("securitySchemes").path("bearerAuth").path("bearerFormat")
                .asString()).isEqualTo("JWT");
        assertThat(docs.body().path("paths").path("/api/payments").path("post").path("security").path(0)
                .has("bearerAuth")).isTrue();
    }
}
