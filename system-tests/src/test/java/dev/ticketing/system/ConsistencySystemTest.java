package dev.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** After everything above (drills included), the stores agree: no double sale, every point accounted for. */
@Order(10)
class ConsistencySystemTest {

    @Test
    void afterAllSystemTestsNoSeatIsSoldTwiceAndEveryDebitIsASaleOrARefund() {
        ConsistencyCheck.Report report = ConsistencyCheck.settled(Duration.ofSeconds(60));

        System.out.println(report);
        assertThat(report.violations()).isEmpty();
        assertThat(report.seatsSold()).isPositive();
    }
}
