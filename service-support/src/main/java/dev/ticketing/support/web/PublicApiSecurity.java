package dev.ticketing.support.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The public API's credentials in a service's OpenAPI document, so that the gateway's Swagger UI can send them
 * ("Authorize"): {@code bearerAuth}, the access token of {@code POST /api/auth/login} as {@code Authorization: Bearer}
 * (a JWT the gateway validates), and {@code queueToken}, the {@code X-Queue-Token} header. Every {@code /api/**}
 * operation needs both, except the public ones (no credential) and the ones that need the login only.
 * Operations are named {@code "METHOD /path"} as in the document, e.g. {@code "POST /api/users"}.
 */
public final class PublicApiSecurity {

    public static final String BEARER_AUTH = "bearerAuth";
    public static final String QUEUE_TOKEN = "queueToken";

    private PublicApiSecurity() {
    }

    public static OpenApiCustomizer customizer(Set<String> publicOperations, Set<String> loginOnlyOperations) {
        return openApi -> {
            declareSchemes(openApi);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String name = method.name() + " " + path;
                if (!path.startsWith("/api/") || publicOperations.contains(name)) {
                    return;
                }
                SecurityRequirement required = new SecurityRequirement().addList(BEARER_AUTH);
                if (!loginOnlyOperations.contains(name)) {
                    required.addList(QUEUE_TOKEN);
                }
                operation.setSecurity(List.of(required));
            }));
        };
    }

    private static void declareSchemes(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSecuritySchemes(BEARER_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("The accessToken of POST /api/auth/login (through the "
                                + "gateway, which validates it and names the user to the services)"))
                .addSecuritySchemes(QUEUE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name(IdentityHeaders.QUEUE_TOKEN)
                        .description("The token of POST /api/queue/tokens; it must be the logged-in user's"));
    }
}
