package dev.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shared Redis is shut down for a few seconds and started again with the command infra/local/up.sh uses:
 * queue-service answers 503 while it is away and answers again within a second of its return (it used to take
 * seconds, its Redis client's reconnect attempts having backed off), the waiting room intact.
 */
class RedisRestartDrillSystemTest {

    private static final String QUEUE_URL = System.getenv().getOrDefault("QUEUE_URL", "http://127.0.0.1:8081");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void queueServiceAnswersWithinASecondOfRedisReturning() {
        long user = DemoUsers.next();
        String token = Gateway.activeToken(user);
        assertThat(validation(token)).isEqualTo(200);

        String startAgain = LocalSystem.stopRedis();
        long stopped = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> validation(token) == 503);
            // away long enough for a backing-off client to wait seconds between its reconnect attempts
            while (System.nanoTime() - stopped < Duration.ofSeconds(5).toNanos()) {
                assertThat(validation(token)).isEqualTo(503);
                Gateway.sleep(200);
            }
        } finally {
            long back = LocalSystem.startRedis(startAgain);
            long answered = firstAnswer(token, Duration.ofSeconds(30));
            Duration recovery = Duration.ofNanos(answered - back);
            System.out.printf("RedisRestartDrill: queue-service answered %d ms after Redis returned%n",
                    recovery.toMillis());
            assertThat(recovery).as("queue-service answers within 1 s of Redis's return")
                    .isLessThan(Duration.ofSeconds(1));
        }
        // the waiting room survived: the same token is still the user's, still ACTIVE, through the gateway too
        Gateway.Response me = Gateway.get("/api/queue/tokens/me", token);
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.text("status")).isEqualTo("ACTIVE");
        assertThat(me.number("userId")).isEqualTo(user);
    }

    /** The route the gateway asks on every request; System.nanoTime() of its first 200. */
    private static long firstAnswer(String token, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (validation(token) == 200) {
                return System.nanoTime();
            }
            Gateway.sleep(20);
        }
        throw new AssertionError("queue-service did not answer within " + timeout + " of Redis's return");
    }

    private static int validation(String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(QUEUE_URL + "/internal/queue/tokens/" + token))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
