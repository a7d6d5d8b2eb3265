package dev.ticketing.userpoint.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI userPointOpenApi() {
        return new OpenAPI().info(new Info()
                .title("user-point-service")
                .version("v1")
                .description("Users and their point balances. /api/** is reached through the gateway, which sets "
                        + "X-User-Id; /internal/** is for other services only. Errors are RFC 9457 problem details "
                        + "with a stable code (docs/conventions.md)."));
    }
}
