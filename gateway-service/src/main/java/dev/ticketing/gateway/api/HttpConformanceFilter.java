package dev.ticketing.gateway.api;

import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The first thing every request meets: only the methods of this API get further, and a request must name one host.
 * {@code TRACE} would be routed to a service (whose container answers in its own format, echoing headers back is
 * the point of TRACE), {@code CONNECT} is a proxy's method, and an unknown method is nobody's: 405 problem with
 * {@code Allow}. Two {@code Host} headers make a request that a proxy and a service may read differently: RFC 9112
 * (3.2) says 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpConformanceFilter implements WebFilter {

    static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private final ProblemResponses problems;

    public HttpConformanceFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!ALLOWED.contains(method)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOW);
            return problems.write(exchange, Problem.of(HttpStatus.METHOD_NOT_ALLOWED, ErrorCodes.METHOD_NOT_ALLOWED,
                    method.name() + " is not allowed here"));
        }
        List<String> hosts = exchange.getRequest().getHeaders().getValuesAsList(HttpHeaders.HOST);
        // two Host lines, or one line naming two hosts
        if (hosts.size() > 1) {
            return problems.write(exchange, Problem.of(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                    "A request names exactly one host: send one Host header"));
        }
        return chain.filter(exchange);
    }
}
