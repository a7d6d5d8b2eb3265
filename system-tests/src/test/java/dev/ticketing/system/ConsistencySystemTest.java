package dev.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After every other system-test class (drills included), the stores agree: no double sale, every point accounted for.
 * It buys a seat of its own first, so the audit has a sale to look at whatever ran before it.
 */
@RunsLast
class ConsistencySystemTest {

    @Test
    void afterAllSystemTestsNoSeatIsSoldTwiceAndEveryDebitIsASaleOrARefund() {
        Purchase purchase = Purchase.prepare(0);
        Gateway.Response paid = Gateway.pay(purchase.token(), purchase.reservationId());
        assertThat(paid.status()).as("%s", paid).isEqualTo(201);

        ConsistencyCheck.Report report = ConsistencyCheck.settled(Duration.ofSeconds(60));

        System.out.println(report);
        assertThat(report.violations()).isEmpty();
        assertThat(report.seatsSold()).isPositive();
    }
}
