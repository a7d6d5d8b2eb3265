package dev.ticketing.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A payment belongs to the waiting room of its reservation's concert (X-Admitted-Room, set by the gateway): another
 * concert's admission is 403 WRONG_ROOM before anything is paid. user-point-service is unreachable here, so a request
 * that got past the check answers 503 (and nothing was debited either way). The test events' reservations are of
 * concert 1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peers.user-point.base-url=http://127.0.0.1:1",
        "resilience4j.circuitbreaker.instances.concert.minimum-number-of-calls=1000"})
@RealInfrastructure(kafka = true)
class WrongRoomPaymentTest extends PaymentApiTest {

    private static final long USER = 31;

    @Test
    void aPaymentAdmittedToAnotherConcertsRoomIsRefusedAndItsOwnRoomGetsThrough() {
        hold(USER, 50_000);
        awaitConcertKnown();

        assertProblem(api.payAdmittedTo("2", USER, reservationId), 403, "WRONG_ROOM");
        assertThat(payments.findByReservationId(reservationId)).isEmpty();

        assertThat(api.payAdmittedTo("1", USER, reservationId).status()).isEqualTo(503);
        assertThat(api.payAdmittedTo("default", USER, reservationId).status()).isEqualTo(503);
        assertThat(paymentEvents.of(PaymentCompleted.class, reservationId)).isEmpty();
    }

    /** The view and the reservation's concert are written in one transaction; the view is what the probe sees. */
    private void awaitConcertKnown() {
        assertThat(jdbc.sql("SELECT concert_id FROM reservation_concert WHERE reservation_id = ?")
                .param(reservationId).query(Long.class).optional()).hasValue(1L);
    }
}
