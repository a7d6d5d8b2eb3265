package dev.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.system.Gateway.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * payment-service is killed (SIGKILL) while payments are in flight and started again. Clients retry, as a frontend
 * does after a 5xx or a cut connection: every purchase ends whole — sold with a single debit, or (if the restart
 * outlasted the hold) released with its points back — never a debit without a seat; a hold nobody pays is released
 * at its expiry (./bin/test holds seats for 120 s) and can no longer be paid.
 */
class PaymentServiceCrashDrillSystemTest {

    @Test
    void paymentsCutByACrashCompleteOnRetryWithOneDebitEach() throws Exception {
        List<Purchase> purchases = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            purchases.add(Purchase.prepare(i * 2 + 1));
        }
        Purchase abandoned = Purchase.prepare(40);

        try (ExecutorService pool = Executors.newFixedThreadPool(purchases.size())) {
            List<Future<Response>> inFlight = new ArrayList<>();
            for (Purchase purchase : purchases) {
                inFlight.add(pool.submit(() -> Gateway.pay(purchase.token(), purchase.reservationId())));
            }
            Gateway.sleep(150);
            LocalSystem.killService("payment-service");
            try {
                for (Future<Response> response : inFlight) {
                    awaitWhateverItSaw(response);
                }
            } finally {
                LocalSystem.startService("payment-service"); // the drills after this one need it back
            }
        }

        int confirmed = 0;
        for (Purchase purchase : purchases) {
            Response retried = Gateway.pay(purchase.token(), purchase.reservationId());
            // 201/200: completed now or before; 401: the first attempt completed and used the token up;
            // 409 HOLD_EXPIRED: the restart outlasted the hold, and any debit of the cut attempt must come back.
            assertThat(retried.status()).as("retry for user %d: %s", purchase.userId(), retried)
                    .isIn(200, 201, 401, 409);
            if (retried.status() == 409) {
                assertThat(retried.code()).isEqualTo("HOLD_EXPIRED");
            }
        }
        for (Purchase purchase : purchases) {
            LiveToken again = new LiveToken(purchase.userId());
            // Each purchase ends one way or the other, never half: sold with one debit, or released with all back.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String status = again.get("/api/reservations/" + purchase.reservationId()).text("status");
                long balance = again.get("/api/points").number("balance");
                return "CONFIRMED".equals(status) && balance == purchase.balanceBeforeCharge()
                        || "RELEASED".equals(status) && balance == purchase.balanceBeforeCharge() + purchase.price();
            });
            if ("CONFIRMED".equals(again.get("/api/reservations/" + purchase.reservationId()).text("status"))) {
                confirmed++;
                assertThat(purchase.debitsOfThisPurchase(again.value())).as("one debit for user %d", purchase.userId())
                        .isEqualTo(1);
            }
        }
        assertThat(confirmed).as("most payments survive the crash through the client's retry").isGreaterThan(4);

        // The abandoned hold is released at its expiry, the seat is free again, and paying for it is refused.
        // The wait outlasts an active token's lifetime (90 s in ./bin/test): LiveToken renews it on 401.
        LiveToken abandonedToken = new LiveToken(abandoned.userId());
        // released within one hold (120 s in ./bin/test) plus one run of the release job, counted from the hold
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "RELEASED".equals(abandonedToken.get("/api/reservations/" + abandoned.reservationId())
                        .text("status")));
        assertThat(TicketingFlowSystemTest.seatStatus(abandonedToken.get(TicketingFlowSystemTest.seatsPath(
                abandoned.concertAndDate()) + "?all=true"), abandoned.seatId()))
                .isEqualTo("AVAILABLE");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "HOLD_EXPIRED".equals(abandonedToken.pay(abandoned.reservationId()).code()));
    }

    /**
     * Success, a 502/503 problem, or a cut connection: an answer whose headers the gateway had already passed on
     * when payment-service died cannot become a problem any more, so the gateway cuts it, as any proxy must.
     */
    private static void awaitWhateverItSaw(Future<Response> response) throws InterruptedException {
        try {
            Response answer = response.get();
            assertThat(answer.status()).as("a crash is never a 500: %s", answer).isNotEqualTo(500);
        } catch (ExecutionException cut) {
            assertThat(cut.getCause()).as("only a cut connection may end a request")
                    .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
        }
    }
}
