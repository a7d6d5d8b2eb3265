package dev.ticketing.gateway.api;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Route predicate {@code Enabled=<true|false>}: a route that configuration can switch off. The load tests send every
 * simulated user from one address and switch off the rate-limited token issuance route
 * ({@code GATEWAY_TOKEN_RATE_LIMIT_ENABLED=false}); issuance then takes the plain queue route.
 */
@Component
public class EnabledRoutePredicateFactory extends AbstractRoutePredicateFactory<EnabledRoutePredicateFactory.Config> {

    public static class Config {

        private boolean value = true;

        public boolean isValue() {
            return value;
        }

        public void setValue(boolean value) {
            this.value = value;
        }
    }

    public EnabledRoutePredicateFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("value");
    }

    @Override
    public Predicate<ServerWebExchange> apply(Config config) {
        boolean enabled = config.isValue();
        return exchange -> enabled;
    }
}
