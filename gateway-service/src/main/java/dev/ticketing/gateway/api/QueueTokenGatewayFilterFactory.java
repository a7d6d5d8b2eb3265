package dev.ticketing.gateway.api;

import dev.ticketing.gateway.application.TokenGate;
import dev.ticketing.gateway.domain.RouteAccess;
import dev.ticketing.gateway.domain.Verdict;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Route filter {@code QueueToken=ACTIVE_ONLY} / {@code QueueToken=WAITING_OR_ACTIVE}: checks {@code X-Queue-Token}
 * (a signed admission token here, without any call; an opaque waiting token with queue-service) and, when admitted
 * and the token is the access token's user's, forwards the request as that user with the admission's room in
 * {@code X-Admitted-Room}; another user's queue token is 403 {@code TOKEN_NOT_YOURS} and nothing is forwarded. A client-sent
 * {@code X-User-Id} never gets through ({@link IdentityHeadersFilter}).
 */
@Component
public class QueueTokenGatewayFilterFactory extends AbstractGatewayFilterFactory<QueueTokenGatewayFilterFactory.Config> {

    public static final String QUEUE_TOKEN = "X-Queue-Token";
    public static final String USER_ID = "X-User-Id";
    /** The room of a verified admission, for the services behind (a client-sent copy never gets through). */
    public static final String ADMITTED_ROOM = "X-Admitted-Room";
    /** Exchange attribute with the admitted user id, for logs. */
    public static final String USER_ID_ATTRIBUTE = QueueTokenGatewayFilterFactory.class.getName() + ".userId";
    /** The seed's clients poll every 5 s until admitted. */
    static final long WAITING_RETRY_AFTER_SECONDS = 5;
    static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    public static class Config {

        private RouteAccess access = RouteAccess.ACTIVE_ONLY;

        public RouteAccess getAccess() {
            return access;
        }

        public void setAccess(RouteAccess access) {
            this.access = access;
        }
    }

    private final TokenGate gate;
    private final ProblemResponses problems;

    public QueueTokenGatewayFilterFactory(TokenGate gate, ProblemResponses problems) {
        super(Config.class);
        this.gate = gate;
        this.problems = problems;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("access");
    }

    @Override
    public GatewayFilter apply(Config config) {
        RouteAccess access = config.getAccess();
        return (exchange, chain) -> IdentityHeadersFilter.authenticatedUser(exchange)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> user.isEmpty()
                        // the security chain lets no /api request through without a token; this is a second lock
                        ? problems.write(exchange, Problem.of(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHENTICATED,
                                "This request needs an access token"))
                        : gate.check(exchange.getRequest().getHeaders().getFirst(QUEUE_TOKEN), access,
                                        Long.parseLong(user.get()))
                                .flatMap(verdict -> answer(exchange, chain, verdict)));
    }

    private Mono<Void> answer(ServerWebExchange exchange, GatewayFilterChain chain, Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allowed allowed -> chain.filter(asUser(exchange, allowed));
            // a queue token is a place in line of one user: another user's access token cannot use it
            case Verdict.NotYours notYours -> problems.write(exchange, Problem.of(HttpStatus.FORBIDDEN,
                    ErrorCodes.TOKEN_NOT_YOURS, "This queue token belongs to another user"));
            case Verdict.TokenInvalid invalid -> problems.write(exchange,
                    Problem.of(HttpStatus.UNAUTHORIZED, ErrorCodes.TOKEN_INVALID, invalid.reason()));
            case Verdict.TokenExpired expired -> problems.write(exchange, Problem.of(HttpStatus.UNAUTHORIZED,
                    ErrorCodes.TOKEN_EXPIRED, "The queue token has expired; join the queue again"));
            case Verdict.StillWaiting waiting -> problems.write(exchange, Problem.of(HttpStatus.FORBIDDEN,
                            ErrorCodes.TOKEN_WAITING, "Still in the waiting room: " + waiting.position()
                                    + " ahead; this needs an active queue token")
                    .withProperty("position", waiting.position())
                    .withProperty("estimatedWaitSeconds", waiting.estimatedWaitSeconds())
                    .withRetryAfterSeconds(WAITING_RETRY_AFTER_SECONDS));
            case Verdict.Unverifiable unverifiable -> problems.write(exchange, Problem.of(
                            HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE,
                            "The queue token cannot be checked right now: " + unverifiable.reason())
                    .withRetryAfterSeconds(UNAVAILABLE_RETRY_AFTER_SECONDS));
        };
    }

    private static ServerWebExchange asUser(ServerWebExchange exchange, Verdict.Allowed allowed) {
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.set(USER_ID, Long.toString(allowed.userId()));
                    if (allowed.room() != null) {
                        headers.set(ADMITTED_ROOM, allowed.room());
                    }
                })
                .build();
        exchange.getAttributes().put(USER_ID_ATTRIBUTE, allowed.userId());
        return exchange.mutate().request(request).build();
    }
}
