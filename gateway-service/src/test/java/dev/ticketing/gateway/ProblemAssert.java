package dev.ticketing.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's answer is a problem body (RFC 9457) with this status and code. */
public final class ProblemAssert {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAssert() {
    }

    /** {@code what} names the request in a failure message. */
    public static JsonNode assertProblem(EntityExchangeResult<byte[]> result, int status, String code, String what) {
        assertThat(result.getStatus().value()).as(what).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).as(what)
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(result.getResponseBody());
        assertThat(problem.get("code").asString()).as(what).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString())
                .isEqualTo("https://ticketing.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        return problem;
    }
}
