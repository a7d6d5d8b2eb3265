package dev.ticketing.queue.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.QueueApplication;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.ServiceProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token issuance over real HTTP, as the gateway forwards it. The user is the gateway's {@code X-User-Id}, taken from an
 * access token user-point-service signed for an existing user, so queue-service asks nobody whether the user exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION})
@RealInfrastructure(database = false)
class TokenIssueOverHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    @LocalServerPort
    int port;
    @Autowired
    RedisQueueStore store;
    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    @AfterEach
    void emptyWaitingRoom() {
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
    }

    @Test
    void theUserGetsATokenAndTheSameOneWhenAskingAgain() {
        Answer first = requestToken("http://127.0.0.1:" + port, 42);
        Answer again = requestToken("http://127.0.0.1:" + port, 42);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("userId").asLong()).isEqualTo(42);
        assertThat(first.body().get("status").asString()).isEqualTo("WAITING");
        assertThat(first.body().get("position").asLong()).isZero();
        assertThat(first.body().get("estimatedWaitSeconds").asLong()).isPositive();
        assertThat(first.body().get("token").asString()).matches("[A-Za-z0-9_-]{32}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("token").asString()).isEqualTo(first.body().get("token").asString());
        assertThat(again.body().get("position").asLong()).isZero();
    }

    @Test
    void tokenIsIssuedForTheHeadersUserWhateverTheBodySays() {
        String base = "http://127.0.0.1:" + port;
        Answer asked = requestToken(base, 42, "{\"userId\": 7}");
        Answer noBody = requestToken(base, 42, null);
        Answer otherUsersClaim = requestToken(base, 43, "{\"userId\": 42}");

        assertThat(asked.status()).isEqualTo(201);
        assertThat(asked.body().get("userId").asLong()).isEqualTo(42);
        assertThat(noBody.status()).isEqualTo(200);
        assertThat(noBody.body().get("token").asString()).isEqualTo(asked.body().get("token").asString());
        // naming user 42 in the body gives user 43 a place of their own, never 42's token
        assertThat(otherUsersClaim.status()).isEqualTo(201);
        assertThat(otherUsersClaim.body().get("userId").asLong()).isEqualTo(43);
        assertThat(otherUsersClaim.body().get("token").asString()).isNotEqualTo(asked.body().get("token").asString());
        assertThat(redis.hasKey(store.keys().user(RoomId.DEFAULT, 7))).isFalse();
    }

    @Test
    void concurrentUsersOverHttpEachGetOneDistinctPlace() {
        List<Race.Outcome<Answer>> outcomes = Race.run(40,
                i -> () -> requestToken("http://127.0.0.1:" + port, 100 + i % 20));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes).allMatch(o -> o.value().status() == 201 || o.value().status() == 200);
        Map<Long, Set<String>> tokensByUser = outcomes.stream().map(Race.Outcome::value).collect(
                Collectors.groupingBy(a -> a.body().get("userId").asLong(),
                        Collectors.mapping(a -> a.body().get("token").asString(), Collectors.toSet())));
        assertThat(tokensByUser).hasSize(20).allSatisfy((user, tokens) -> assertThat(tokens).hasSize(1));
        assertThat(outcomes.stream().filter(o -> o.value().status() == 201)).hasSize(20);
        Set<Long> positions = outcomes.stream().map(o -> o.value().body().get("position").asLong())
                .collect(Collectors.toSet());
        assertThat(positions).isEqualTo(LongStream.range(0, 20).boxed().collect(Collectors.toSet()));
    }

    @Test
    void redisDownIsServiceUnavailable() {
        // command-line arguments: they outrank application.yml, as the environment does in production
        try (ConfigurableApplicationContext redisless = new SpringApplicationBuilder(QueueApplication.class).run(
                "--server.port=0",
                "--spring.data.redis.port=" + ServiceProcess.freePort(),
                "--ticketing.queue.scheduler-enabled=false",
                "--ticketing.queue.consume-payment-events=false",
                "--spring.kafka.admin.auto-create=false")) {
            String base = "http://127.0.0.1:" + redisless.getEnvironment().getProperty("local.server.port");

            Answer answer = requestToken(base, 42);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(answer.body().get("detail").asString()).startsWith("Redis is unavailable");
        }
    }

    private static Answer requestToken(String baseUrl, long userId) {
        return requestToken(baseUrl, userId, "{}");
    }

    /** As the gateway forwards it: {@code X-User-Id} from the access token, the client's body ({@code null}: none). */
    private static Answer requestToken(String baseUrl, long userId, String body) {
        RestClient.RequestBodySpec spec = RestClient.create(baseUrl).post().uri("/api/queue/tokens")
                .header(IdentityHeaders.USER_ID, Long.toString(userId));
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        JSON.readTree(response.getBody())));
    }

    record Answer(int status, JsonNode body) {
    }
}
