package dev.ticketing.gateway.api;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every body of this API is a few hundred bytes of JSON. A larger one is refused at the front door with 413 before any
 * service parses it: a declared {@code Content-Length} over the limit at once, a chunked body as soon as it crosses
 * the limit. Without this, a 2 MB body with one valid field would be accepted by the services (unknown fields are
 * ignored) and cost them the parsing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class RequestSizeLimitFilter implements WebFilter {

    private final ProblemResponses problems;
    private final long maxBytes;

    public RequestSizeLimitFilter(ProblemResponses problems,
            @Value("${ticketing.gateway.max-request-bytes:${GATEWAY_MAX_REQUEST_BYTES:65536}}") long maxBytes) {
        this.problems = problems;
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, tooLarge());
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong received = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(buffer -> {
                    if (received.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge().detail());
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Problem tooLarge() {
        return Problem.of(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE,
                "Request bodies of this API are at most " + maxBytes + " bytes");
    }
}
