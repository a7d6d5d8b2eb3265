package dev.ticketing.queue.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.RedisOnly;
import dev.ticketing.queue.infrastructure.RedisQueueStore;
import dev.ticketing.support.web.IdentityHeaders;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * queue-service reads JSON with service-support's strict rules: {@code {"userId":405.5}} once issued a token for
 * user 405 and {@code {"userId":"１２"}} one for user 12. The rules are checked on the service's own mapper with a body
 * of the same shape (which field the issuance body reads is the identity contract's business), and on the issuance
 * route with bodies that no JSON reading may accept, whatever their fields: nothing reaches the waiting room.
 */
@SpringBootTest(properties = {RedisOnly.NO_SCHEDULER, RedisOnly.NO_PAYMENT_LISTENER, RedisOnly.NO_TOPIC_CREATION})
@AutoConfigureMockMvc
@RealInfrastructure(database = false)
@Import(TestClockConfiguration.class)
class StrictIssueBodyTest {

    record UserBody(Long userId) {
    }

    @Autowired
    MockMvc http;
    @Autowired
    JsonMapper json;
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
    void theServicesMapperRefusesAUserIdThatIsNotAPlainNumber() {
        for (String body : List.of("{\"userId\":405.5}", "{\"userId\":405.0}", "{\"userId\":\"\uff11\uff12\"}",
                "{\"userId\":\"12\"}", "{\"userId\":\" 12\"}", "{\"userId\":\"12\\u0000\"}",
                "{\"userId\":12,\"userId\":13}", "{\"userId\":12} 13", "{\"userId\":1e999999999}")) {
            assertThatThrownBy(() -> json.readValue(body, UserBody.class)).as(body)
                    .isInstanceOf(JacksonException.class);
        }
        assertThat(json.readValue("{\"userId\":12,\"other\":1}", UserBody.class).userId()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userId\":12,\"userId\":13}", "{\"userId\":12} {\"userId\":13}",
            "{\"a\":1,\"a\":2}", "{\"userId\":12,\"x\":" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
            + "}", "{\"userId\":1e999999999}", "{\"userId\":12}]"})
    void anIssuanceBodyThatNoJsonReadingAcceptsIssuesNothing(String body) throws Exception {
        expectProblem(http.perform(post("/api/queue/tokens").header(IdentityHeaders.USER_ID, 12)
                .contentType(MediaType.APPLICATION_JSON).content(body)), 400, "MALFORMED_REQUEST");

        assertThat(CleanRedis.deleteKeysUnder(redis, store.keys().prefix())).isZero();
    }
}
