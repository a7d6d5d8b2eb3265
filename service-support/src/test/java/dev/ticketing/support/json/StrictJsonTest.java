package dev.ticketing.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auto-configured mapper of a servlet service, through MockMvc and a controller with the shapes of the real
 * request bodies: every wrong type, duplicate key, trailing token and oversized value is a 400 problem before the
 * controller runs, and the answer stays small.
 */
@SpringBootTest(classes = StrictJsonTest.App.class)
@AutoConfigureMockMvc
public class StrictJsonTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @BeforeEach
    void resetCalls() {
        App.CALLS.set(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"reservationId\":\"3\"}",
            "{\"reservationId\":3.0}",
            "{\"reservationId\":\" 3\"}",
            "{\"reservationId\":\"3\\u0000\"}",
            "{\"reservationId\":true}",
            "{\"reservationId\":[3]}",
            "{\"reservationId\":3,\"reservationId\":4}",
            "{\"reservationId\":3} {\"reservationId\":4}",
            "{\"reservationId\":3}]",
            "{\"reservationId\":1e999999999}",
            "{\"reservationId\":1e10000000}",
            "{\"reservationId\":99999999999999999999999}",
            "{\"reservationId\":0003}",
            "{\"reservationId\":NaN}",
            "{'reservationId':3}",
            "{\"reservationId\":3,}",
            "3",
            "\"3\"",
            "[{\"reservationId\":3}]"})
    void aPaymentBodyThatIsNotExactlyWrittenIsRefused(String body) throws Exception {
        refused("/pay", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"concertId\":3,\"dateId\":9,\"seatId\":90.5}",
            "{\"concertId\":3,\"dateId\":9,\"seatId\":90.0}",
            "{\"concertId\":3,\"dateId\":\"9\",\"seatId\":90}",
            "{\"concertId\":3,\"dateId\":9,\"seatId\":90,\"seatId\":91}"})
    void aHoldBodyWithAFractionOrAStringForANumberIsRefused(String body) throws Exception {
        refused("/hold", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userId\":405.5}", "{\"userId\":\"\uff11\uff12\"}", "{\"userId\":\"12\"}",
            "{\"userId\":\"\"}", "{\"userId\":\" 12 \"}", "{\"userId\":\"\\u0000\\u000012\"}"})
    void aUserIdThatIsNotAPlainNumberIsRefused(String body) throws Exception {
        refused("/issue", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":999999999,\"amount\":1}", "{\"amount\":1,\"amount\":1}"})
    void aDuplicateKeyIsRefusedEvenWhenTheValuesAgree(String body) throws Exception {
        refused("/charge", body);
    }

    @Test
    void aDuplicateKeyIsRefusedInATreeToo() throws Exception {
        refused("/tree", "{\"amount\":999999999,\"amount\":1}");
        refused("/tree", "{\"a\":{\"b\":1,\"b\":2}}");
    }

    @Test
    void aNumberIsNotReadAsText() throws Exception {
        refused("/note", "{\"text\":12}");
        refused("/note", "{\"text\":true}");
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        int depth = StrictJson.MAX_NESTING_DEPTH + 1;
        refused("/tree", "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        refused("/tree", "[".repeat(100_000));
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() throws Exception {
        refused("/note", "{\"text\":\"" + "x".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\"}");
        refused("/note", "{\"" + "k".repeat(StrictJson.MAX_NAME_LENGTH + 1) + "\":1}");
    }

    @Test
    void aNumberLongerThanTheLimitIsRefused() throws Exception {
        refused("/pay", "{\"reservationId\":1" + "0".repeat(StrictJson.MAX_NUMBER_LENGTH) + "}");
        refused("/tree", "{\"x\":1." + "0".repeat(StrictJson.MAX_NUMBER_LENGTH) + "1}");
    }

    @Test
    void aBodyLargerThanTheDocumentLimitIsRefused() throws Exception {
        String padding = ("\"" + "x".repeat(1000) + "\",").repeat((int) (StrictJson.MAX_DOCUMENT_LENGTH / 1000));
        refused("/tree", "{\"list\":[" + padding + "\"end\"]}");
    }

    @Test
    void exactlyWrittenBodiesAreReadAndUnknownPropertiesIgnored() throws Exception {
        mvc.perform(post("/hold").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"concertId\":3,\"dateId\":9,\"seatId\":90,\"note\":\"front row\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seatId").value(90));
        mvc.perform(post("/pay").contentType(MediaType.APPLICATION_JSON)
                        .content(" {\"reservationId\" : " + Long.MAX_VALUE + "} \n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reservationId").value(Long.MAX_VALUE));
        mvc.perform(post("/note").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"" + "x".repeat(StrictJson.MAX_STRING_LENGTH) + "\"}"))
                .andExpect(status().isOk());
        assertThat(App.CALLS).hasValue(3);
    }

    @Test
    void theMapperOfTheContextIsTheStrictOne() {
        assertThat(json.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth())
                .isEqualTo(StrictJson.MAX_NESTING_DEPTH);
        assertThat(json.isEnabled(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)).isTrue();
    }

    private void refused(String path, String body) throws Exception {
        MvcResult result = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString().length()).as(body).isLessThan(1024);
        assertThat(App.CALLS).as("controller reached with " + body).hasValue(0);
    }

    record Hold(Long concertId, Long dateId, Long seatId) {
    }

    record Pay(Long reservationId) {
    }

    record Issue(Long userId) {
    }

    record Charge(long amount) {
    }

    record Note(String text) {
    }

    @SpringBootConfiguration
    // no database here: spring-boot-starter-jdbc is on this module's classpath only for the Idempotency-Key store
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(App.Endpoints.class)
    public static class App {

        static final AtomicInteger CALLS = new AtomicInteger();

        @RestController
        static class Endpoints {

            @PostMapping("/hold")
            Hold hold(@RequestBody Hold hold) {
                CALLS.incrementAndGet();
                return hold;
            }

            @PostMapping("/pay")
            Pay pay(@RequestBody Pay pay) {
                CALLS.incrementAndGet();
                return pay;
            }

            @PostMapping("/issue")
            Issue issue(@RequestBody Issue issue) {
                CALLS.incrementAndGet();
                return issue;
            }

            @PostMapping("/charge")
            Charge charge(@RequestBody Charge charge) {
                CALLS.incrementAndGet();
                return charge;
            }

            @PostMapping("/note")
            Note note(@RequestBody Note note) {
                CALLS.incrementAndGet();
                return note;
            }

            @org.springframework.web.bind.annotation.GetMapping("/items/{id}")
            Pay item(@org.springframework.web.bind.annotation.PathVariable long id,
                    @org.springframework.web.bind.annotation.RequestParam(defaultValue = "20") int size) {
                CALLS.incrementAndGet();
                return new Pay(id + size);
            }

            @PostMapping("/tree")
            JsonNode tree(@RequestBody JsonNode tree) {
                CALLS.incrementAndGet();
                return tree;
            }
        }
    }
}
