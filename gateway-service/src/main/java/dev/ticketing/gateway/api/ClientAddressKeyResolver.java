package dev.ticketing.gateway.api;

import dev.ticketing.gateway.GatewayProperties;
import java.net.InetSocketAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate-limit key: the client's address (see {@link GatewayProperties.ClientAddress}), under this app's Redis prefix.
 * Token issuance stays limited per address, not per user: asking again hands a user back the same live token, so a
 * per-user limit would protect nothing, while one address creating many accounts (sign-up is public) is what a limit
 * has to slow down.
 */
@Component("clientAddressKeyResolver")
public class ClientAddressKeyResolver implements KeyResolver {

    private final RemoteAddressResolver addresses;
    private final String keyPrefix;

    public ClientAddressKeyResolver(GatewayProperties properties,
            @Value("${ticketing.redis.key-prefix:gateway:}") String keyPrefix) {
        int hops = properties.clientAddress().trustedProxyHops();
        this.addresses = hops <= 0 ? new RemoteAddressResolver() { }
                : XForwardedRemoteAddressResolver.maxTrustedIndex(hops);
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return Mono.just(keyPrefix + "client:" + clientAddress(exchange));
    }

    /** The client's IP address as this gateway trusts it; sent downstream as {@code X-Client-Address}. */
    public String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress address = addresses.resolve(exchange);
        return address == null ? "unknown"
                : address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }
}
