package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The gateway repeats service-support's problem shape (it cannot use that servlet-side module): pinned here. */
class ProblemTest {

    @Test
    void bodyHasTheSystemsProblemShapeWithExtraFieldsLast() {
        Problem problem = Problem.of(HttpStatus.FORBIDDEN, "TOKEN_WAITING", "Still waiting")
                .withProperty("position", 3L)
                .withProperty("estimatedWaitSeconds", 15L)
                .withRetryAfterSeconds(5);

        assertThat(problem.body()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "type", "https://ticketing.dev/problems/token-waiting",
                "title", "Token waiting",
                "status", 403,
                "detail", "Still waiting",
                "code", "TOKEN_WAITING",
                "position", 3L,
                "estimatedWaitSeconds", 15L));
        assertThat(List.copyOf(problem.body().keySet())).containsExactly("type", "title", "status", "detail", "code",
                "position", "estimatedWaitSeconds");
        assertThat(problem.headers()).containsExactly(Map.entry("Retry-After", "5"));
    }
}
