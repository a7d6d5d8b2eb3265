package dev.ticketing.userpoint.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public API as the gateway calls it. */
class PointApiTest extends ApiTestBase {

    @Test
    void readsTheCallersBalance() throws Exception {
        long user = users.create(700);

        mvc.perform(get("/api/points").header("X-User-Id", user))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(user))
                .andExpect(jsonPath("$.balance").value(700));
    }

    @Test
    void balanceOfAnUnknownUserIsUserNotFound() throws Exception {
        expectProblem(mvc.perform(get("/api/points").header("X-User-Id", users.unknown())), 404, "USER_NOT_FOUND");
    }

    @Test
    void callsWithoutTheGatewaysUserHeaderAreUnauthenticated() throws Exception {
        expectProblem(mvc.perform(get("/api/points")), 401, "UNAUTHENTICATED");
        expectProblem(mvc.perform(chargeBody("{\"amount\": 10}")), 401, "UNAUTHENTICATED");
        expectProblem(mvc.perform(get("/api/points/history")), 401, "UNAUTHENTICATED");
    }

    @Test
    void aUserHeaderThatIsNotANumberIsInvalid() throws Exception {
        expectProblem(mvc.perform(get("/api/points").header("X-User-Id", "abc")), 400, "INVALID_REQUEST");
    }

    @Test
    void chargeAddsToTheBalanceAndAnswersTheNewBalance() throws Exception {
        long user = users.create(100);

        mvc.perform(charge(user, "{\"amount\": 250}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(user))
                .andExpect(jsonPath("$.amount").value(250))
                .andExpect(jsonPath("$.balance").value(350))
                .andExpect(jsonPath("$.transactionId").isNumber());

        assertThat(users.balance(user)).isEqualTo(350);
        assertThat(users.ledgerSum(user)).isEqualTo(350);
    }

    @Test
    void chargeUpToExactlyTheLimitsIsAccepted() throws Exception {
        long user = users.create(4_000);

        mvc.perform(charge(user, "{\"amount\": 1000}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(5_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"amount\": 0}",
            "{\"amount\": -5}",
            "{\"amount\": 1.5}",
            "{\"amount\": 10.0000000000000000001}",
            "{\"amount\": \"100\"}",
            "{\"amount\": true}",
            "{\"amount\": [100]}",
            "{\"amount\": {\"value\": 100}}",
            "{\"amount\": null}",
            "{}",
            "{\"points\": 100}",
            "{\"amount\": 1001}",
            "{\"amount\": 99999999999999999999999999}"})
    void refusesAnAmountThatIsNotChargeableAndLeavesTheBalanceAlone(String body) throws Exception {
        long user = users.create(100);

        expectProblem(mvc.perform(charge(user, body)), 400, "AMOUNT_NOT_CHARGEABLE")
                .andExpect(jsonPath("$.detail").value(containsString("amount")));

        assertThat(users.balance(user)).isEqualTo(100);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void refusesAChargeThatWouldTakeTheBalanceOverTheMaximum() throws Exception {
        long user = users.create(4_500);

        expectProblem(mvc.perform(charge(user, "{\"amount\": 501}")), 400, "AMOUNT_NOT_CHARGEABLE")
                .andExpect(jsonPath("$.detail").value(containsString("over the maximum of 5000")));

        assertThat(users.balance(user)).isEqualTo(4_500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\": ", "not json", "", "[1, 2]", "\"100\"", "null"})
    void aBodyThatIsNotAJsonObjectIsMalformed(String body) throws Exception {
        long user = users.create(100);

        expectProblem(mvc.perform(charge(user, body)), 400, "MALFORMED_REQUEST");

        assertThat(users.balance(user)).isEqualTo(100);
    }

    @Test
    void aChargeThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
        long user = users.create(100);

        expectProblem(mvc.perform(post("/api/points/charges").header("X-User-Id", user)
                .contentType(MediaType.TEXT_PLAIN).content("100")), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void chargeForAnUnknownUserIsUserNotFoundWhateverTheAmount() throws Exception {
        long unknown = users.unknown();

        expectProblem(mvc.perform(charge(unknown, "{\"amount\": 100}")), 404, "USER_NOT_FOUND");
        expectProblem(mvc.perform(charge(unknown, "{\"amount\": -1}")), 404, "USER_NOT_FOUND");
    }

    @Test
    void aRetriedChargeWithTheSameIdempotencyKeyIsAppliedOnceAndAnswersTheSame() throws Exception {
        long user = users.create(0);

        String first = mvc.perform(charge(user, "{\"amount\": 300}").header("Idempotency-Key", "click-1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        mvc.perform(charge(user, "{\"amount\": 300}").header("Idempotency-Key", "click-1"))
                .andExpect(status().isOk())
                .andExpect(content().json(first, org.springframework.test.json.JsonCompareMode.STRICT));

        assertThat(users.balance(user)).isEqualTo(300);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void idempotencyKeysAreExactAndPerUser() throws Exception {
        long user = users.create(0);
        long other = users.create(0);

        mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "k")).andExpect(status().isOk());
        mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "K")).andExpect(status().isOk());
        mvc.perform(charge(other, "{\"amount\": 100}").header("Idempotency-Key", "k")).andExpect(status().isOk());

        assertThat(users.balance(user)).isEqualTo(200);
        assertThat(users.balance(other)).isEqualTo(100);
    }

    @Test
    void chargesWithoutAKeyAreEachApplied() throws Exception {
        long user = users.create(0);

        mvc.perform(charge(user, "{\"amount\": 100}")).andExpect(status().isOk());
        mvc.perform(charge(user, "{\"amount\": 100}")).andExpect(status().isOk());

        assertThat(users.balance(user)).isEqualTo(200);
    }

    @Test
    void aChargeRefusedForTheMaximumBalanceIsRefusedAgainOnReplayEvenWhenItWouldNowFit() throws Exception {
        long user = users.create(4_800);
        String refused = expectProblem(
                mvc.perform(charge(user, "{\"amount\": 500}").header("Idempotency-Key", "late")), 400,
                "AMOUNT_NOT_CHARGEABLE").andReturn().getResponse().getContentAsString();
        jdbc.sql("UPDATE point_balance SET balance = 0 WHERE user_id = ?").param(user).update();

        expectProblem(mvc.perform(charge(user, "{\"amount\": 500}").header("Idempotency-Key", "late")), 400,
                "AMOUNT_NOT_CHARGEABLE")
                .andExpect(content().json(refused, org.springframework.test.json.JsonCompareMode.STRICT));
        assertThat(users.balance(user)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "caf\u00e9"})
    void refusesAnIdempotencyKeyThatIsNotVisibleAscii(String key) throws Exception {
        long user = users.create(0);

        expectProblem(mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", key)), 400,
                "INVALID_REQUEST");
        assertThat(users.balance(user)).isZero();
    }

    @Test
    void refusesAnIdempotencyKeyLongerThanOneHundredCharacters() throws Exception {
        long user = users.create(0);

        expectProblem(mvc.perform(charge(user, "{\"amount\": 100}").header("Idempotency-Key", "k".repeat(101))),
                400, "INVALID_REQUEST");
    }

    @Test
    void historyListsChargesDebitsAndRefundsNewestFirstInPages() throws Exception {
        long user = users.create(1_000);
        mvc.perform(charge(user, "{\"amount\": 200}")).andExpect(status().isOk());
        mvc.perform(post("/internal/points/debits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": %d, \"amount\": 700, \"idempotencyKey\": \"pay-1\"}".formatted(user)))
                .andExpect(status().isOk());
        mvc.perform(post("/internal/points/refunds").contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": %d, \"amount\": 700, \"idempotencyKey\": \"pay-1\"}".formatted(user)))
                .andExpect(status().isOk());

        mvc.perform(get("/api/points/history").header("X-User-Id", user).param("page", "0").param("size", "3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].type").value(contains("REFUND", "DEBIT", "CHARGE")))
                .andExpect(jsonPath("$.items[*].amount").value(contains(700, 700, 200)))
                .andExpect(jsonPath("$.items[*].balanceAfter").value(contains(1_200, 500, 1_200)))
                .andExpect(jsonPath("$.items[0].transactionId").isNumber())
                .andExpect(jsonPath("$.items[0].createdAt").isString())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(3))
                .andExpect(jsonPath("$.total").value(4));
        mvc.perform(get("/api/points/history").header("X-User-Id", user).param("page", "1").param("size", "3"))
                .andExpect(jsonPath("$.items[*].type").value(contains("CHARGE")))
                .andExpect(jsonPath("$.items[0].amount").value(1_000))
                .andExpect(jsonPath("$.total").value(4));
        mvc.perform(get("/api/points/history").header("X-User-Id", user).param("page", "9"))
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.total").value(4));
    }

    @Test
    void historyPagesDefaultToTheFirstTwenty() throws Exception {
        long user = users.create(0);
        for (int i = 0; i < 21; i++) {
            mvc.perform(charge(user, "{\"amount\": 1}")).andExpect(status().isOk());
        }

        mvc.perform(get("/api/points/history").header("X-User-Id", user))
                .andExpect(jsonPath("$.items.length()").value(20))
                .andExpect(jsonPath("$.items[0].balanceAfter").value(21))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.total").value(21));
    }

    @Test
    void historyOfAnUnknownUserIsUserNotFound() throws Exception {
        expectProblem(mvc.perform(get("/api/points/history").header("X-User-Id", users.unknown())), 404,
                "USER_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "size=0", "size=101", "page=x"})
    void historyRefusesPagesOutsideTheirRange(String query) throws Exception {
        long user = users.create(0);

        expectProblem(mvc.perform(get("/api/points/history?" + query).header("X-User-Id", user)), 400,
                "INVALID_REQUEST");
    }

    private MockHttpServletRequestBuilder charge(long user, String body) {
        return chargeBody(body).header("X-User-Id", user);
    }

    private static MockHttpServletRequestBuilder chargeBody(String body) {
        return post("/api/points/charges").contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
