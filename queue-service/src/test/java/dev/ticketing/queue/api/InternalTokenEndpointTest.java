package dev.ticketing.queue.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.application.QueueProperties;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION,
        "ticketing.queue.capacity=1"})
@AutoConfigureMockMvc
@RealInfrastructure(database = false)
@Import(TestClockConfiguration.class)
class InternalTokenEndpointTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    MockMvc http;
    @Autowired
    RedisQueueStore store;
    @Autowired
    MutableClock clock;
    @Autowired
    QueueProperties properties;
    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    @AfterEach
    void emptyWaitingRoom() {
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
    }

    @Test
    void waitingTokenTellsUserPositionAndEstimatedWait() throws Exception {
        QueueToken first = issue(11);
        QueueToken second = issue(12);
        store.tick(RoomId.DEFAULT, clock.instant(), false); // capacity 1: the first is admitted

        http.perform(get("/internal/queue/tokens/{token}", second.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(12))
                .andExpect(jsonPath("$.status").value("WAITING"))
                .andExpect(jsonPath("$.position").value(0))
                .andExpect(jsonPath("$.estimatedWaitSeconds").isNumber())
                .andExpect(jsonPath("$.expiresAt").doesNotExist());
        http.perform(get("/internal/queue/tokens/{token}", first.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(11))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.expiresAt").value(clock.instant().plus(properties.activeTtl()).toString()))
                .andExpect(jsonPath("$.position").doesNotExist());
    }

    @Test
    void expiredTokenIsToldApartFromAnUnknownOne() throws Exception {
        QueueToken token = issue(21);
        store.tick(RoomId.DEFAULT, clock.instant(), false);
        clock.advance(properties.activeTtl());
        store.tick(RoomId.DEFAULT, clock.instant(), false);

        http.perform(get("/internal/queue/tokens/{token}", token.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(21))
                .andExpect(jsonPath("$.status").value("EXPIRED"))
                .andExpect(jsonPath("$.position").doesNotExist());
        http.perform(get("/internal/queue/tokens/{token}", QueueToken.generate(RANDOM).value()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("TOKEN_INVALID"))
                .andExpect(jsonPath("$.type").value("https://ticketing.dev/problems/token-invalid"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void activeTokenPastItsExpiryIsExpiredBeforeTheNextTick() throws Exception {
        QueueToken token = issue(31);
        store.tick(RoomId.DEFAULT, clock.instant(), false);
        clock.advance(properties.activeTtl().plus(Duration.ofMillis(1)));

        http.perform(get("/internal/queue/tokens/{token}", token.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("EXPIRED"));
    }

    @Test
    void malformedTokenIsUnknown() throws Exception {
        for (String garbage : new String[] {"short", "x".repeat(201), "abc$def!ghijklmnopqrstuvwxyz"}) {
            http.perform(get("/internal/queue/tokens/{token}", garbage))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("TOKEN_INVALID"));
        }
    }

    private QueueToken issue(long userId) {
        return store.issue(RoomId.DEFAULT, userId, QueueToken.generate(RANDOM), clock.instant()).token();
    }
}
