package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.gateway.GatewayProperties;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressKeyResolverTest {

    private static final MockServerWebExchange REQUEST_VIA_PROXY = MockServerWebExchange.from(
            MockServerHttpRequest.post("/api/queue/tokens")
                    .remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
                    .header("X-Forwarded-For", "198.51.100.1, 203.0.113.7"));

    @Test
    void withoutTrustedProxiesTheClientIsThePeerAndXForwardedForIsIgnored() {
        assertThat(resolver(0).resolve(REQUEST_VIA_PROXY).block()).isEqualTo("gw:client:10.0.0.5");
    }

    @Test
    void behindOneTrustedProxyTheClientIsTheAddressThatProxySaw() {
        assertThat(resolver(1).resolve(REQUEST_VIA_PROXY).block()).isEqualTo("gw:client:203.0.113.7");
    }

    private static ClientAddressKeyResolver resolver(int trustedProxyHops) {
        GatewayProperties properties = new GatewayProperties(null, null,
                new GatewayProperties.ClientAddress(trustedProxyHops), null, null);
        return new ClientAddressKeyResolver(properties, "gw:");
    }
}
