package dev.ticketing.queue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The public API's answers and its bad-input handling. */
@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION,
        "ticketing.queue.capacity=1"})
@AutoConfigureMockMvc
@RealInfrastructure(database = false)
@Import(TestClockConfiguration.class)
class QueueApiTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    MockMvc http;
    @Autowired
    RedisQueueStore store;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    MutableClock clock;
    @Autowired
    QueueProperties properties;

    @BeforeEach
    @AfterEach
    void emptyWaitingRoom() {
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
    }

    @Test
    void waitingTokenShowsPositionAndEstimatedWait() throws Exception {
        QueueToken first = issue(1);
        QueueToken second = issue(2);
        QueueToken third = issue(3);
        store.tick(RoomId.DEFAULT, clock.instant(), false);

        me(third.value(), 3)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.token").value(third.value()))
                .andExpect(jsonPath("$.userId").value(3))
                .andExpect(jsonPath("$.status").value("WAITING"))
                .andExpect(jsonPath("$.position").value(1))
                // one admitted in the 5-minute window: 1 per 300 s, two to go
                .andExpect(jsonPath("$.estimatedWaitSeconds").value(600))
                .andExpect(jsonPath("$.expiresAt").doesNotExist());
        me(second.value(), 2).andExpect(jsonPath("$.position").value(0));
        me(first.value(), 1)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.expiresAt").value(clock.instant().plus(properties.activeTtl()).toString()))
                .andExpect(jsonPath("$.position").doesNotExist())
                .andExpect(jsonPath("$.estimatedWaitSeconds").doesNotExist());
    }

    @Test
    void expiredTokenIsRefusedAsExpired() throws Exception {
        QueueToken token = issue(1);
        store.tick(RoomId.DEFAULT, clock.instant(), false);
        clock.advance(properties.activeTtl());

        me(token.value(), 1)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("TOKEN_EXPIRED"))
                .andExpect(jsonPath("$.type").value("https://ticketing.dev/problems/token-expired"))
                .andExpect(jsonPath("$.title").value("Token expired"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").isString());
    }

    @Test
    void missingMalformedOrUnknownTokenIsRefusedAsInvalid() throws Exception {
        http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.USER_ID, "1"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("TOKEN_INVALID"));
        for (String garbage : new String[] {"", "   ", "x".repeat(201), "<script>alert(1)</script>xxxxxxxxx",
                QueueToken.generate(RANDOM).value()}) {
            me(garbage, 1)
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("TOKEN_INVALID"))
                    .andExpect(jsonPath("$.type").value("https://ticketing.dev/problems/token-invalid"));
        }
    }

    @Test
    void malformedTokenRequestsAreRefusedWithoutStateChange() throws Exception {
        postToken(5, "not json").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        postToken(5, "[1, 2]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        http.perform(post("/api/queue/tokens").header(IdentityHeaders.USER_ID, "abc")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        http.perform(post("/api/queue/tokens").header(IdentityHeaders.USER_ID, "0")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));

        assertThat(redis.keys(store.keys().prefix() + "*")).isEmpty();
    }

    @Test
    void tokenRequestWithoutAUserIsUnauthenticatedWhateverTheBodySays() throws Exception {
        for (String body : new String[] {"{}", "{\"userId\": 5}"}) {
            http.perform(post("/api/queue/tokens").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                    .andExpect(jsonPath("$.type").value("https://ticketing.dev/problems/unauthenticated"));
        }
        http.perform(post("/api/queue/tokens"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

        assertThat(redis.keys(store.keys().prefix() + "*")).isEmpty();
    }

    @Test
    void statusOfAnotherUsersTokenIsRefusedWithoutTellingItsState() throws Exception {
        QueueToken first = issue(1);
        QueueToken second = issue(2);
        store.tick(RoomId.DEFAULT, clock.instant(), false);

        for (QueueToken token : new QueueToken[] {first, second}) {
            http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.QUEUE_TOKEN, token.value())
                            .header(IdentityHeaders.USER_ID, "3"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("TOKEN_NOT_YOURS"))
                    .andExpect(jsonPath("$.type").value("https://ticketing.dev/problems/token-not-yours"))
                    .andExpect(jsonPath("$.token").doesNotExist())
                    .andExpect(jsonPath("$.position").doesNotExist());
        }
        // an expired token of another user is not told to be expired either
        clock.advance(properties.activeTtl());
        http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.QUEUE_TOKEN, first.value())
                        .header(IdentityHeaders.USER_ID, "2"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("TOKEN_NOT_YOURS"));
        me(second.value(), 2).andExpect(status().isOk()).andExpect(jsonPath("$.userId").value(2));
    }

    @Test
    void statusWithoutAUserIsUnauthenticated() throws Exception {
        QueueToken token = issue(1);
        http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.QUEUE_TOKEN, token.value()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void everyRouteIsDescribedInTheOpenApiDocument() throws Exception {
        String document = http.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        for (String path : Set.of("/api/queue/tokens", "/api/queue/tokens/me", "/internal/queue/tokens/{token}")) {
            assertThat(document).contains("\"" + path + "\"");
        }
        assertThat(document).contains("TOKEN_EXPIRED", "SERVICE_UNAVAILABLE").doesNotContain("USER_NOT_FOUND");
    }

    /** As the gateway sends it: the token and the access token's user (here the token's own user). */
    private ResultActions me(String token, long userId) throws Exception {
        return http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.QUEUE_TOKEN, token)
                .header(IdentityHeaders.USER_ID, Long.toString(userId)));
    }

    private ResultActions postToken(long userId, String body) throws Exception {
        return http.perform(post("/api/queue/tokens").header(IdentityHeaders.USER_ID, Long.toString(userId))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private QueueToken issue(long userId) {
        return store.issue(RoomId.DEFAULT, userId, QueueToken.generate(RANDOM), clock.instant()).token();
    }
}
