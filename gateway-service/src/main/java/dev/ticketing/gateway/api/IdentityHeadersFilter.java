package dev.ticketing.gateway.api;

import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every route: a client-sent {@code X-User-Id}, {@code X-Admitted-Room} or {@code X-Client-Address} is dropped
 * whatever its letter case;
 * the request then carries {@code X-User-Id} = the validated access token's {@code sub} (when the route needed one)
 * and {@code X-Client-Address} = the client address the gateway resolves for rate limiting, which user-point's login
 * throttle keys on. The services behind trust these two headers and nothing else about the caller.
 */
@Component
public class IdentityHeadersFilter implements GlobalFilter, Ordered {

    public static final String USER_ID = QueueTokenGatewayFilterFactory.USER_ID;
    public static final String ADMITTED_ROOM = QueueTokenGatewayFilterFactory.ADMITTED_ROOM;
    public static final String CLIENT_ADDRESS = "X-Client-Address";
    /** Before every route filter (the queue-token check compares its user with this one). */
    static final int ORDER = -10;

    private final ClientAddressKeyResolver clientAddresses;

    public IdentityHeadersFilter(ClientAddressKeyResolver clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String clientAddress = clientAddresses.clientAddress(exchange);
        return authenticatedUser(exchange)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(userId -> chain.filter(withIdentity(exchange, userId.orElse(null), clientAddress)));
    }

    /** The {@code sub} of the request's validated access token; empty on a public route. */
    public static Mono<String> authenticatedUser(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(authentication -> authentication.getToken().getSubject());
    }

    private static ServerWebExchange withIdentity(ServerWebExchange exchange, String userId, String clientAddress) {
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.remove(USER_ID);
                    headers.remove(ADMITTED_ROOM);
                    headers.remove(CLIENT_ADDRESS);
                    if (userId != null) {
                        headers.set(USER_ID, userId);
                    }
                    headers.set(CLIENT_ADDRESS, clientAddress);
                })
                .build();
        return exchange.mutate().request(request).build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
