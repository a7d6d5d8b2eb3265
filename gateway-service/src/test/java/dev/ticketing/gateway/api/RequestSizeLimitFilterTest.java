package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter =
            new RequestSizeLimitFilter(new ProblemResponses(JsonMapper.builder().build()), 100);

    @Test
    void bodyDeclaredLargerThanTheLimitIsRefusedWithoutReachingTheRoute() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/points/charges")
                .contentLength(101).body("x".repeat(101)));
        AtomicBoolean routed = new AtomicBoolean();

        filter.filter(exchange, e -> Mono.fromRunnable(() -> routed.set(true))).block();

        assertThat(routed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void bodyWithinTheLimitPasses() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/points/charges")
                .contentLength(15).body("{\"amount\":1000}"));
        AtomicBoolean routed = new AtomicBoolean();

        filter.filter(exchange, e -> Mono.fromRunnable(() -> routed.set(true))).block();

        assertThat(routed).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }
}
