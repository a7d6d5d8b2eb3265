package dev.ticketing.payment.api;

import dev.ticketing.support.web.PublicApiSecurity;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI paymentServiceApi() {
        return new OpenAPI().info(new Info()
                .title("payment-service")
                .version("1")
                .description("Payments for held seats, in points. Reached through the gateway with an access token"
                        + " (bearerAuth) and the same user's active queue token; errors are RFC 9457 problem details"
                        + " with a stable `code`."));
    }

    /** Every route needs the login and the queue token. */
    @Bean
    OpenApiCustomizer publicApiSecurity() {
        return PublicApiSecurity.customizer(Set.of(), Set.of());
    }
}
