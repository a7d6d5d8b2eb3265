package dev.ticketing.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicApiSecurityTest {

    private final OpenAPI document = new OpenAPI().paths(new Paths()
            .addPathItem("/api/users", new PathItem().post(new Operation()))
            .addPathItem("/api/queue/tokens", new PathItem().post(new Operation()))
            .addPathItem("/api/points", new PathItem().get(new Operation()))
            .addPathItem("/internal/points/debits", new PathItem().post(new Operation())));

    @Test
    void declaresAJwtBearerSchemeAndTheQueueTokenHeader() {
        PublicApiSecurity.customizer(Set.of(), Set.of()).customise(document);

        SecurityScheme bearer = document.getComponents().getSecuritySchemes().get("bearerAuth");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
        SecurityScheme queueToken = document.getComponents().getSecuritySchemes().get("queueToken");
        assertThat(queueToken.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(queueToken.getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(queueToken.getName()).isEqualTo("X-Queue-Token");
    }

    @Test
    void protectedOperationsNeedBothPublicOnesNoneAndLoginOnlyOnesTheBearer() {
        PublicApiSecurity.customizer(Set.of("POST /api/users"), Set.of("POST /api/queue/tokens")).customise(document);

        assertThat(document.getPaths().get("/api/points").getGet().getSecurity())
                .containsExactly(new SecurityRequirement().addList("bearerAuth").addList("queueToken"));
        assertThat(document.getPaths().get("/api/queue/tokens").getPost().getSecurity())
                .isEqualTo(List.of(new SecurityRequirement().addList("bearerAuth")));
        assertThat(document.getPaths().get("/api/users").getPost().getSecurity()).isNull();
        assertThat(document.getPaths().get("/internal/points/debits").getPost().getSecurity())
                .as("never routed by the gateway: no public credential").isNull();
    }
}
