package dev.ticketing.userpoint.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.userpoint.TestUsers;
import dev.ticketing.userpoint.domain.TransactionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultActions;

/** The internal API as payment-service calls it: debits and refunds. */
class InternalApiTest extends ApiTestBase {

    @Test
    void debitTakesTheAmountAndAnswersTheNewBalance() throws Exception {
        long user = users.create(1_000);

        change("debits", user, 400, "pay-1")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.transactionId").isNumber())
                .andExpect(jsonPath("$.userId").value(user))
                .andExpect(jsonPath("$.amount").value(400))
                .andExpect(jsonPath("$.balance").value(600));

        assertThat(users.balance(user)).isEqualTo(600);
        assertThat(users.ledger(user)).last().extracting(TestUsers.LedgerRow::type).isEqualTo(TransactionType.DEBIT);
    }

    @Test
    void debitOfTheWholeBalanceLeavesZero() throws Exception {
        long user = users.create(1_000);

        change("debits", user, 1_000, "pay-all").andExpect(status().isOk()).andExpect(jsonPath("$.balance").value(0));
    }

    @Test
    void debitLargerThanTheBalanceIsInsufficientAndChangesNothing() throws Exception {
        long user = users.create(1_000);

        expectProblem(change("debits", user, 1_001, "pay-2"), 409, "INSUFFICIENT_BALANCE")
                .andExpect(jsonPath("$.detail").value(containsString("1001 points asked, 1000 available")));

        assertThat(users.balance(user)).isEqualTo(1_000);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @Test
    void aReplayedDebitAnswersTheFirstResultAndDebitsOnce() throws Exception {
        long user = users.create(1_000);
        String first = change("debits", user, 300, "pay-3").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        change("debits", user, 300, "pay-3")
                .andExpect(status().isOk())
                .andExpect(content().json(first, JsonCompareMode.STRICT));

        assertThat(users.balance(user)).isEqualTo(700);
        assertThat(users.ledger(user)).hasSize(2);
    }

    @Test
    void aReplayAfterTheBalanceChangedStillAnswersTheFirstResult() throws Exception {
        long user = users.create(1_000);
        String first = change("debits", user, 300, "pay-4").andReturn().getResponse().getContentAsString();
        change("debits", user, 700, "pay-5").andExpect(status().isOk());

        change("debits", user, 300, "pay-4")
                .andExpect(status().isOk())
                .andExpect(content().json(first, JsonCompareMode.STRICT));
        assertThat(users.balance(user)).isZero();
    }

    @Test
    void aDebitRefusedForInsufficientBalanceIsRefusedAgainOnReplayEvenAfterACharge() throws Exception {
        long user = users.create(100);
        String refused = expectProblem(change("debits", user, 500, "pay-6"), 409, "INSUFFICIENT_BALANCE")
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/points/charges").header("X-User-Id", user).contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\": 1000}")).andExpect(status().isOk());

        expectProblem(change("debits", user, 500, "pay-6"), 409, "INSUFFICIENT_BALANCE")
                .andExpect(content().json(refused, JsonCompareMode.STRICT));

        assertThat(users.balance(user)).isEqualTo(1_100);
        change("debits", user, 500, "pay-6-retry").andExpect(status().isOk());
    }

    @Test
    void debitOfAnUnknownUserIsUserNotFound() throws Exception {
        expectProblem(change("debits", users.unknown(), 100, "pay-7"), 404, "USER_NOT_FOUND");
    }

    @Test
    void refundGivesTheAmountBackOnceAndAnswersTheNewBalance() throws Exception {
        long user = users.create(1_000);
        change("debits", user, 600, "pay-8").andExpect(status().isOk());

        String first = change("refunds", user, 600, "pay-8")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value(600))
                .andExpect(jsonPath("$.balance").value(1_000))
                .andReturn().getResponse().getContentAsString();
        change("refunds", user, 600, "pay-8").andExpect(content().json(first, JsonCompareMode.STRICT));

        assertThat(users.balance(user)).isEqualTo(1_000);
        assertThat(users.ledger(user)).extracting(TestUsers.LedgerRow::type)
                .containsExactly(TransactionType.CHARGE, TransactionType.DEBIT, TransactionType.REFUND);
    }

    @Test
    void refundIsNeverRefusedForTheMaximumBalance() throws Exception {
        long user = users.create(5_000);

        change("refunds", user, 3_000, "pay-9").andExpect(status().isOk()).andExpect(jsonPath("$.balance").value(8_000));
    }

    @Test
    void refundOfMoreThanABalanceMayHoldIsNotChargeable() throws Exception {
        long user = users.create(0);

        expectProblem(change("refunds", user, 5_001, "pay-10"), 400, "AMOUNT_NOT_CHARGEABLE");
        assertThat(users.balance(user)).isZero();
    }

    @Test
    void refundOfAnUnknownUserIsUserNotFound() throws Exception {
        expectProblem(change("refunds", users.unknown(), 100, "pay-11"), 404, "USER_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"userId\": %d, \"amount\": 0, \"idempotencyKey\": \"k\"}",
            "{\"userId\": %d, \"amount\": -10, \"idempotencyKey\": \"k\"}",
            "{\"userId\": %d, \"idempotencyKey\": \"k\"}",
            "{\"userId\": %d, \"amount\": 10}",
            "{\"userId\": %d, \"amount\": 10, \"idempotencyKey\": \"\"}",
            "{\"userId\": %d, \"amount\": 10, \"idempotencyKey\": \"two words\"}",
            "{\"userId\": 0, \"amount\": 10, \"idempotencyKey\": \"k%d\"}",
            "{\"amount\": 10, \"idempotencyKey\": \"k%d\"}"})
    void anIncompleteOrInvalidChangeIsAnInvalidRequest(String template) throws Exception {
        expectBothChangesRefused(template, "INVALID_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"userId\": %d, \"amount\": 1.5, \"idempotencyKey\": \"k\"}",
            "{\"userId\": %d, \"amount\": \"10\", \"idempotencyKey\": \"k\"}",
            "{\"userId\": \"%d\", \"amount\": 10, \"idempotencyKey\": \"k\"}",
            "{\"userId\": %d, \"amount\": 10, \"idempotencyKey\": 42}",
            "{\"userId\": %d, \"amount\": 10, \"idempotencyKey\": \"k\"",
            "[%d]"})
    void aChangeWhoseFieldsHaveTheWrongJsonTypeIsMalformedAndNeverCoerced(String template) throws Exception {
        expectBothChangesRefused(template, "MALFORMED_REQUEST");
    }

    @Test
    void theSameKeyForAnotherUserOrAnotherKindOfChangeIsAnotherOperation() throws Exception {
        long user = users.create(1_000);
        long other = users.create(1_000);

        change("debits", user, 100, "shared").andExpect(status().isOk());
        change("debits", other, 100, "shared").andExpect(status().isOk());
        change("refunds", user, 50, "shared").andExpect(status().isOk());

        assertThat(users.balance(user)).isEqualTo(950);
        assertThat(users.balance(other)).isEqualTo(900);
    }

    /** Sends {@code template} (with the user's id) as a debit and as a refund: both are refused, nothing changes. */
    private void expectBothChangesRefused(String template, String code) throws Exception {
        long user = users.create(1_000);

        for (String kind : new String[] {"debits", "refunds"}) {
            expectProblem(mvc.perform(post("/internal/points/" + kind).contentType(MediaType.APPLICATION_JSON)
                    .content(template.formatted(user))), 400, code);
        }
        assertThat(users.balance(user)).isEqualTo(1_000);
    }

    private ResultActions change(String kind, long user, long amount, String key) throws Exception {
        return mvc.perform(post("/internal/points/" + kind).contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": %d, \"amount\": %d, \"idempotencyKey\": \"%s\"}".formatted(user, amount, key)));
    }
}
