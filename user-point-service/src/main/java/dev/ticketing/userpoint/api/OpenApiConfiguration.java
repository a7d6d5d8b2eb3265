package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.PublicApiSecurity;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI userPointOpenApi() {
        return new OpenAPI().info(new Info()
                .title("user-point-service")
                .version("v1")
                .description("Users and their point balances. /api/** is reached through the gateway, which sets "
                        + "X-User-Id; /internal/** is for other services only. Errors are RFC 9457 problem details "
                        + "with a stable code (docs/conventions.md)."));
    }

    /** Sign-up and login are public; the points need the login (bearerAuth) and the same user's queue token. */
    @Bean
    OpenApiCustomizer publicApiSecurity() {
        return PublicApiSecurity.customizer(Set.of("POST /api/users", "POST /api/auth/login"), Set.of());
    }

    /**
     * Every error response is a problem detail, so the controllers only name the status and the codes, and the body
     * is described here once.
     */
    @Bean
    OpenApiCustomizer problemDetailErrors() {
        return openApi -> {
            ModelConverters.getInstance().read(ProblemDetail.class).forEach(openApi.getComponents()::addSchemas);
            Content problem = new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5")) {
                            response.setContent(problem);
                        }
                    })));
        };
    }
}
