package dev.ticketing.queue.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.queue.QueueApplication;
import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.domain.QueueError;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.TokenStanding;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Redis killed under the running service and started again: while it is away every Redis-backed answer is a 503
 * problem (and garbage tokens are still refused without it); afterwards the service reconnects on its own and the
 * waiting room is exactly as it was (AOF with fsync on every write here, so nothing acknowledged is lost). The service
 * answers again within a second of Redis's return, however long it was away.
 *
 * <p>This is the one test with a Redis server of its own: the shared one must never be stopped.
 */
class RedisRestartTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int redisPort = ServiceProcess.freePort();
    private Path redisDir;
    private Process redis;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stopAll() throws IOException {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
        if (redisDir != null) {
            try (var files = Files.walk(redisDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void waitingRoomAnswers503WhileRedisIsDownThenWithinASecondOfItsReturnAndIsIntact() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server"))
                || System.getenv("PATH").contains("redis"), "redis-server is not installed");
        redisDir = Files.createTempDirectory("queue-redis-restart");
        startRedis();
        app = new SpringApplicationBuilder(QueueApplication.class).run(
                "--server.port=0",
                "--spring.data.redis.port=" + redisPort,
                "--ticketing.redis.key-prefix=restart:",
                "--ticketing.queue.capacity=1",
                "--ticketing.queue.scheduler-enabled=false",
                "--ticketing.queue.consume-payment-events=false",
                "--spring.kafka.admin.auto-create=false");
        RedisQueueStore store = app.getBean(RedisQueueStore.class);
        QueueService queue = app.getBean(QueueService.class);
        Clock clock = app.getBean(Clock.class);
        RestClient http = RestClient.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
        List<QueueToken> tokens = new ArrayList<>();
        for (long user = 1; user <= 3; user++) {
            tokens.add(store.issue(RoomId.DEFAULT, user, QueueToken.generate(RANDOM), clock.instant()).token());
        }
        queue.admit(RoomId.DEFAULT);

        redis.destroyForcibly().waitFor();

        long started = System.nanoTime();
        assertThat(status(http, "/internal/queue/tokens/" + tokens.get(0).value(), null, 0))
                .isEqualTo(503);
        assertThat(status(http, "/api/queue/tokens/me", tokens.get(1).value(), 2)).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(status(http, "/api/queue/tokens/me", "garbage!", 2)).isEqualTo(401);
        assertThatThrownBy(() -> queue.admit(RoomId.DEFAULT)).isInstanceOf(QueueError.DependencyUnavailable.class);
        // long enough an outage for the client's reconnect attempts to back off (Lettuce's default doubles its delay
        // up to 30 s, so a few seconds down meant seconds of 503 after Redis was back)
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() ->
                status(http, "/internal/queue/tokens/" + tokens.get(0).value(), null, 0) == 503);

        startRedis();
        long back = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                status(http, "/internal/queue/tokens/" + tokens.get(0).value(), null, 0) == 200);
        assertThat(status(http, "/api/queue/tokens/me", tokens.get(1).value(), 2)).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(1));
        assertThat(store.status(tokens.get(0), clock.instant()).state()).isInstanceOf(TokenStanding.Active.class);
        assertThat(store.status(tokens.get(1), clock.instant()).state()).isEqualTo(new TokenStanding.Waiting(2, 0));
        assertThat(store.status(tokens.get(2), clock.instant()).state()).isEqualTo(new TokenStanding.Waiting(3, 1));
        // the arrival sequence survived too: a newcomer goes behind the others
        assertThat(store.issue(RoomId.DEFAULT, 4, QueueToken.generate(RANDOM), clock.instant()).state())
                .isEqualTo(new TokenStanding.Waiting(4, 2));
    }

    /** {@code userId} 0: no {@code X-User-Id} (the internal route needs none). */
    private static int status(RestClient http, String path, String token, long userId) {
        return http.get().uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.set(IdentityHeaders.QUEUE_TOKEN, token);
                    }
                    if (userId > 0) {
                        headers.set(IdentityHeaders.USER_ID, Long.toString(userId));
                    }
                })
                .exchange((request, response) -> response.getStatusCode().value());
    }

    private void startRedis() throws Exception {
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--dir", redisDir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(redisDir.resolve("redis.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::redisAnswersPing);
    }

    private boolean redisAnswersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 200);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }
}
