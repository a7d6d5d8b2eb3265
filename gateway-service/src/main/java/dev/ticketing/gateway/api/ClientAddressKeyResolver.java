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

/** Rate-limit key: the client's address (see {@link GatewayProperties.ClientAddress}), under this app's Redis prefix. */
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
        InetSocketAddress address = addresses.resolve(exchange);
        String client = address == null ? "unknown"
                : address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return Mono.just(keyPrefix + "client:" + client);
    }
}
