package dev.ticketing.queue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.Shuffle;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The rooms' public and operator routes (the gateway enforces the role OPERATOR on /api/ops/**; here the requests
 * come as the gateway forwards them). Concert 1's room opens at 10:30 by configuration; the clock starts at 10:00.
 */
@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION,
        "ticketing.queue.capacity=2", "ticketing.queue.rooms.1.opens-at=2026-03-01T10:30:00Z",
        "ticketing.queue.rooms.2.capacity=7"})
@AutoConfigureMockMvc
@RealInfrastructure(database = false)
@Import(TestClockConfiguration.class)
class RoomApiTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant OPENS_AT = Instant.parse("2026-03-01T10:30:00Z");
    private static final RoomId CONCERT_1 = RoomId.ofConcert(1);
    private static final String OPERATOR = "1001";

    @Autowired
    MockMvc http;
    @Autowired
    RedisQueueStore store;
    @Autowired
    QueueService queue;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    MutableClock clock;

    private Instant start;

    @BeforeEach
    void emptyRooms() {
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
        start = clock.instant();
    }

    @AfterEach
    void rewindClock() {
        clock.advance(Duration.between(clock.instant(), start));
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
    }

    @Test
    void aPreQueuedTokenShowsTheOpeningAndAfterItThePublishedSeedReplaysTheLine() throws Exception {
        List<QueueToken> joinOrder = new ArrayList<>();
        for (long user = 1; user <= 20; user++) {
            joinOrder.add(store.issue(CONCERT_1, user, QueueToken.generate(RANDOM), clock.instant()).token());
        }
        me(joinOrder.get(4).value(), 5).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PRE_QUEUE"))
                .andExpect(jsonPath("$.concertId").value(1))
                .andExpect(jsonPath("$.opensAt").value("2026-03-01T10:30:00Z"))
                .andExpect(jsonPath("$.position").doesNotExist());
        http.perform(get("/api/rooms/1").header(IdentityHeaders.USER_ID, "5")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PRE_QUEUE"))
                .andExpect(jsonPath("$.seed").doesNotExist());
        http.perform(get("/internal/queue/tokens/" + joinOrder.get(4).value())).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WAITING"))
                .andExpect(jsonPath("$.room").value("1"))
                .andExpect(jsonPath("$.estimatedWaitSeconds").value(1800));

        clock.advance(Duration.ofMinutes(30));
        queue.admit(CONCERT_1);

        String room = http.perform(get("/api/rooms/1").header(IdentityHeaders.USER_ID, "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.openedAt").value("2026-03-01T10:30:00Z"))
                .andExpect(jsonPath("$.drawn").value(20))
                .andReturn().getResponse().getContentAsString();
        long seed = Long.parseLong(room.replaceAll(".*\"seed\":(\\d+).*", "$1"));
        List<QueueToken> drawn = Shuffle.replay(joinOrder, seed);
        // capacity 2: the first two of the draw are in, the others wait in the draw's order
        for (int i = 0; i < drawn.size(); i++) {
            long user = joinOrder.indexOf(drawn.get(i)) + 1;
            ResultActions answer = me(drawn.get(i).value(), user).andExpect(status().isOk());
            if (i < 2) {
                answer.andExpect(jsonPath("$.status").value("ACTIVE"));
            } else {
                answer.andExpect(jsonPath("$.status").value("WAITING")).andExpect(jsonPath("$.position").value(i - 2));
            }
        }
    }

    @Test
    void operatorChangesAreAnsweredWithTheirAuditEntryAndListedOnceEach() throws Exception {
        ops(patch("/api/ops/rooms/2"), "{\"capacity\":300,\"admissionIntervalMillis\":2000}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.operatorId").value(1001))
                .andExpect(jsonPath("$.action").value("SET_LIMITS"))
                .andExpect(jsonPath("$.at").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.before.capacity").value(7))
                .andExpect(jsonPath("$.before.admissionIntervalMillis").value(5000))
                .andExpect(jsonPath("$.after.capacity").value(300))
                .andExpect(jsonPath("$.after.admissionIntervalMillis").value(2000));
        ops(post("/api/ops/rooms/2/pause"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.before.paused").value(false)).andExpect(jsonPath("$.after.paused").value(true));
        http.perform(get("/api/ops/rooms/2").header(IdentityHeaders.USER_ID, OPERATOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAUSED"))
                .andExpect(jsonPath("$.capacity").value(300))
                .andExpect(jsonPath("$.admissionIntervalMillis").value(2000))
                .andExpect(jsonPath("$.waiting").value(0));
        ops(post("/api/ops/rooms/2/resume"), null).andExpect(status().isOk());
        ops(put("/api/ops/rooms/1/opens-at"), "{\"opensAt\":\"2026-03-01T11:00:00Z\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.before.opensAt").value("2026-03-01T10:30:00Z"))
                .andExpect(jsonPath("$.after.opensAt").value("2026-03-01T11:00:00Z"));

        // a first opening: there was none before, and the entry says so
        ops(put("/api/ops/rooms/3/opens-at"), "{\"opensAt\":\"2026-03-01T12:00:00Z\"}").andExpect(status().isOk())
                .andExpect(content().json("{\"before\":{\"opensAt\":null},\"after\":{\"opensAt\":\"2026-03-01T12:00:00Z\"}}"));

        http.perform(get("/api/ops/rooms/2/audit").header(IdentityHeaders.USER_ID, OPERATOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].action").value("SET_LIMITS"))
                .andExpect(jsonPath("$[1].action").value("PAUSE"))
                .andExpect(jsonPath("$[2].action").value("RESUME"));
        http.perform(get("/api/ops/rooms/1/audit").header(IdentityHeaders.USER_ID, OPERATOR))
                .andExpect(jsonPath("$.length()").value(1));
        assertThat(queue.settings(RoomId.ofConcert(2)).capacity()).isEqualTo(300);
    }

    @Test
    void badOperatorRequestsAreRefusedAndChangeNothing() throws Exception {
        ops(put("/api/ops/rooms/1/opens-at"), "{\"opensAt\":\"2026-03-01T09:00:00Z\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("OPENS_AT_NOT_IN_FUTURE"));
        ops(patch("/api/ops/rooms/2"), "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
        ops(patch("/api/ops/rooms/2"), "{\"capacity\":0}").andExpect(status().isBadRequest());
        ops(patch("/api/ops/rooms/2"), "{\"capacity\":\"300\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        ops(patch("/api/ops/rooms/0"), "{\"capacity\":3}").andExpect(status().isBadRequest());
        http.perform(post("/api/ops/rooms/2/pause")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));

        clock.advance(Duration.ofMinutes(30));
        queue.admit(CONCERT_1);
        ops(put("/api/ops/rooms/1/opens-at"), "{\"opensAt\":\"2026-03-01T12:00:00Z\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ROOM_ALREADY_OPEN"));
        http.perform(get("/api/ops/rooms/2/audit").header(IdentityHeaders.USER_ID, OPERATOR))
                .andExpect(jsonPath("$.length()").value(0));
        http.perform(get("/api/ops/rooms/1/audit").header(IdentityHeaders.USER_ID, OPERATOR))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void theJoinBodyTakesAPositiveWholeConcertId() throws Exception {
        for (String body : new String[] {"{\"concertId\":\"1\"}", "{\"concertId\":1.5}", "{\"concertId\":0}",
                "{\"concertId\":-3}", "{\"concertId\":true}", "{\"concertId\":1,\"concertId\":2}"}) {
            http.perform(post("/api/queue/tokens").header(IdentityHeaders.USER_ID, "5")
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest());
        }
        assertThat(redis.keys(store.keys().prefix() + "*")).isEmpty();
    }

    private ResultActions me(String token, long userId) throws Exception {
        return http.perform(get("/api/queue/tokens/me").header(IdentityHeaders.QUEUE_TOKEN, token)
                .header(IdentityHeaders.USER_ID, Long.toString(userId)));
    }

    private ResultActions ops(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String body) throws Exception {
        request.header(IdentityHeaders.USER_ID, OPERATOR);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return http.perform(request);
    }
}
