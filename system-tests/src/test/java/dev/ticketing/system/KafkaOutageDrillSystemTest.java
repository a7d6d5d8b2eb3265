package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.system.Gateway.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops for 10 s in the middle of payments. Payments keep succeeding (the debit is synchronous, the
 * event waits in the outbox); when the broker is back every payment's seat is sold and its token expired, once.
 */
class KafkaOutageDrillSystemTest {

    @Test
    void paymentsDuringABrokerOutageAreAllConfirmedOnceItReturns() {
        assumeThat(LocalSystem.brokerIsOurs()).as("the broker was started by ./bin/test, so it may be stopped").isTrue();
        List<Purchase> purchases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            purchases.add(Purchase.prepare(i * 3));
        }
        List<Response> payments = new ArrayList<>();
        payments.add(Gateway.pay(purchases.get(0).token(), purchases.get(0).reservationId()));
        payments.add(Gateway.pay(purchases.get(1).token(), purchases.get(1).reservationId()));

        LocalSystem.stopKafka();
        long outageStart = System.nanoTime();
        try {
            for (Purchase purchase : purchases.subList(2, 6)) {
                payments.add(Gateway.pay(purchase.token(), purchase.reservationId()));
            }
            Gateway.sleep(Math.max(0, 10_000 - (System.nanoTime() - outageStart) / 1_000_000));
        } finally {
            LocalSystem.startKafka();
        }

        assertThat(payments).allSatisfy(payment -> assertThat(payment.status()).as("%s", payment).isEqualTo(201));
        for (Purchase purchase : purchases) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    "TOKEN_EXPIRED".equals(get("/api/queue/tokens/me", purchase.token()).code()));
        }
        String observer = Gateway.activeToken(DemoUsers.next());
        for (Purchase purchase : purchases) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TicketingFlowSystemTest.seatStatus(
                    get(TicketingFlowSystemTest.seatsPath(purchase.concertAndDate()) + "?all=true", observer),
                    purchase.seatId()).equals("SOLD"));
            String again = Gateway.activeToken(purchase.userId());
            assertThat(get("/api/reservations/" + purchase.reservationId(), again).text("status"))
                    .isEqualTo("CONFIRMED");
            assertThat(purchase.debitsOfThisPurchase(again)).as("one debit for user %d", purchase.userId()).isEqualTo(1);
            assertThat(get("/api/points", again).number("balance")).isEqualTo(purchase.balanceBeforeCharge());
        }
    }
}
