package dev.ticketing.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.payment.support.HttpApi;
import dev.ticketing.testsupport.RealInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A pay body is read exactly as written (service-support's strict JSON): {@code {"reservationId":"3"}} once paid and
 * debited. user-point-service is unreachable here, so a body that got as far as debiting would answer 503, not 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "peers.user-point.base-url=http://127.0.0.1:1")
@RealInfrastructure(kafka = true)
class StrictPayBodyTest extends PaymentApiTest {

    private static final long USER = 31;

    @Test
    void aReservationIdThatIsNotAPlainNumberPaysNothing() {
        hold(USER, 50_000);

        for (String body : List.of(
                "{\"reservationId\":\"" + reservationId + "\"}",
                "{\"reservationId\":" + reservationId + ".0}",
                "{\"reservationId\":" + reservationId + ".5}",
                "{\"reservationId\":\"" + reservationId + " \"}",
                "{\"reservationId\":\"" + fullWidth(reservationId) + "\"}",
                "{\"reservationId\":\"\\u0000" + reservationId + "\"}",
                "{\"reservationId\":987654321,\"reservationId\":" + reservationId + "}",
                "{\"reservationId\":" + reservationId + "}{\"reservationId\":" + reservationId + "}",
                "{\"reservationId\":1e999999999}",
                "{\"reservationId\":99999999999999999999999}")) {
            HttpApi.Response refused = api.post("/api/payments", USER, body);
            assertProblem(refused, 400, "MALFORMED_REQUEST");
            assertThat(refused.body().toString()).as(body).hasSizeLessThan(1024);
        }

        assertThat(payments.findByReservationId(reservationId)).isEmpty();
        assertThat(paymentEvents.of(PaymentCompleted.class, reservationId)).isEmpty();
    }

    @Test
    void theSameReservationIdWrittenPlainlyGoesOnToTheDebit() {
        hold(USER, 50_000);

        assertProblem(api.pay(USER, reservationId), 503, "SERVICE_UNAVAILABLE");
    }

    static String fullWidth(long number) {
        StringBuilder digits = new StringBuilder();
        Long.toString(number).chars().forEach(digit -> digits.append((char) ('\uff10' + (digit - '0'))));
        return digits.toString();
    }
}
