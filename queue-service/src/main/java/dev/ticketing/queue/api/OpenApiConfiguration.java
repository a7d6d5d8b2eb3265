package dev.ticketing.queue.api;

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
    OpenAPI queueServiceApi() {
        return new OpenAPI().info(new Info()
                .title("queue-service")
                .version("1")
                .description("The waiting room: queue tokens, positions, admission. /api/** is reached through the"
                        + " gateway with an access token (bearerAuth; the token is the logged-in user's) and, to ask"
                        + " where a token stands, that user's queue token; /internal/** is for the gateway only."
                        + " Errors are RFC 9457 problem details with a stable `code`."));
    }

    /** Taking a token needs the login only; every other route also the same user's queue token. */
    @Bean
    OpenApiCustomizer publicApiSecurity() {
        return PublicApiSecurity.customizer(Set.of(), Set.of("POST /api/queue/tokens"));
    }
}
