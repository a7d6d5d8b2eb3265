package dev.ticketing.gateway.api;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths that a service's servlet container would normalise into another path than the one the gateway
 * matched: {@code /api/points/../../internal/users/1} matches the points route here but is
 * {@code /internal/users/1} in Tomcat. Dot segments, encoded dots or separators, backslashes and {@code ;} path
 * parameters are never part of this API. Neither are encoded control characters ({@code %00}..{@code %1F},
 * {@code %7F}), which Tomcat refuses with an HTML page of its own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class PathGuardFilter implements WebFilter {

    private final ProblemResponses problems;

    public PathGuardFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isAmbiguous(exchange.getRequest().getURI().getRawPath())) {
            return problems.write(exchange, Problem.of(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST,
                    "The request path must not contain dot segments, encoded separators, control characters or"
                            + " path parameters"));
        }
        return chain.filter(exchange);
    }

    private static final Pattern ENCODED_CONTROL = Pattern.compile("%([01][0-9a-f]|7f)");

    static boolean isAmbiguous(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains(";") || lower.contains("\\") || lower.contains("%2e") || lower.contains("%2f")
                || lower.contains("%5c") || lower.contains("%25") || ENCODED_CONTROL.matcher(lower).find()) {
            return true;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
