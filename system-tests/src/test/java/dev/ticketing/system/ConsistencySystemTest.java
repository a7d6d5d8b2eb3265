package dev.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** After everything above (drills included), the stores agree: no double sale, every point accounted for. */
@Order(10)
class ConsistencySystemTest {

    @Test
    void afterAllSystemTestsNoSeatIsSoldTwiceAndEveryDebitIsASaleOrARefund() {
        AtomicReference<ConsistencyCheck.Report> last = new AtomicReference<>();
        // Events in flight settle within seconds; the invariants must then hold exactly.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            last.set(ConsistencyCheck.run());
            return last.get().consistent();
        });
        System.out.println(last.get());
        assertThat(last.get().seatsSold()).isPositive();
    }
}
