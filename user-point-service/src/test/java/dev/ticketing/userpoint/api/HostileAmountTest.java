package dev.ticketing.userpoint.api;

import static dev.ticketing.testsupport.ProblemMatchers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Amounts written to exhaust the service (issue 20: {@code 1e999999999} once filled the heap while the refusal was
 * being worded): each is a small 400 at once, the balance is untouched, and the service goes on charging.
 */
class HostileAmountTest extends ApiTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e10000000", "99999999999999999999999", "-1e999999999", "1e-999999999",
            "1E+2147483647", "123456789012345678901234567890123456789012345678901234567890123456789"})
    void aHugeAmountIsASmallRefusalAndTheServiceGoesOn(String amount) throws Exception {
        long user = users.create(100);
        long started = System.nanoTime();

        MvcResult refused = mvc.perform(charge(user, "{\"amount\":" + amount + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").exists())
                .andReturn();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(refused.getResponse().getContentAsString()).hasSizeLessThan(1024);
        assertThat(users.balance(user)).isEqualTo(100);
        mvc.perform(charge(user, "{\"amount\":5}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(105));
    }

    @Test
    void anAmountGivenTwiceIsRefusedWhateverTheValues() throws Exception {
        long user = users.create(100);

        expectProblem(mvc.perform(charge(user, "{\"amount\":999,\"amount\":1}")), 400, "MALFORMED_REQUEST");

        assertThat(users.balance(user)).isEqualTo(100);
        assertThat(users.ledger(user)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":\"\uff11\uff10\"}", "{\"amount\":\" 10\"}", "{\"amount\":\"10\\u0000\"}",
            "{\"amount\":10.0}", "{\"amount\":1e1}"})
    void anAmountThatIsNotAPlainWholeNumberIsRefused(String body) throws Exception {
        long user = users.create(100);

        MvcResult refused = expectProblem(mvc.perform(charge(user, body)), 400, "AMOUNT_NOT_CHARGEABLE")
                .andReturn();

        assertThat(refused.getResponse().getContentAsString()).hasSizeLessThan(1024);
        assertThat(users.balance(user)).isEqualTo(100);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder charge(long user,
            String body) {
        return post("/api/points/charges").header("X-User-Id", user).contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
