package dev.ticketing.userpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.PointLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The service as deployed without profiles: schema from Flyway, default limits, documented routes, probes. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class ServiceStartupTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    PointService points;

    @Test
    void flywayMigratedTheSchemaAndNoDemoDataWithoutTheDemoProfile() {
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
                .query(String.class).list()).containsExactly("1", "2", "3", "4", "5");
        assertThat(jdbc.sql("""
                        SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()
                        AND table_name IN ('users', 'point_balance', 'point_transaction', 'point_operation')""")
                .query(String.class).list()).hasSize(4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE name LIKE 'user-%'").query(Long.class).single()).isZero();
    }

    @Test
    void theDatabaseRefusesANegativeBalanceEvenIfAStatementForgotItsCondition() {
        long user = new TestUsers(jdbc).create(10);

        assertThatThrownBy(() -> jdbc.sql("UPDATE point_balance SET balance = balance - 11 WHERE user_id = ?")
                .param(user).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void limitsDefaultToAMillionPerChargeAndAHundredMillionBalance() {
        assertThat(points.limits()).isEqualTo(new PointLimits(1_000_000, 100_000_000));
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsErrors() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("user-point-service"))
                .andExpect(jsonPath("$.paths['/api/points'].get.responses['404']").exists())
                .andExpect(jsonPath("$.paths['/api/points/charges'].post.responses['400']").exists())
                .andExpect(jsonPath("$.paths['/api/points/charges'].post.parameters[?(@.name == 'Idempotency-Key')]")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/points/history'].get.parameters[?(@.name == 'page')]").exists())
                .andExpect(jsonPath("$.paths['/internal/users/{id}']").doesNotExist())
                .andExpect(jsonPath("$.paths['/api/users'].post.responses['409']").exists())
                .andExpect(jsonPath("$.paths['/api/auth/login'].post.responses['401']").exists())
                .andExpect(jsonPath("$.paths['/api/auth/login'].post.responses['429']").exists())
                .andExpect(jsonPath("$.paths['/.well-known/jwks.json'].get.responses['200']").exists())
                .andExpect(jsonPath("$.paths['/internal/points/debits'].post.responses['409']").exists())
                .andExpect(jsonPath("$.paths['/internal/points/refunds'].post.responses['200']").exists())
                .andExpect(jsonPath("$.paths['/internal/points/debits'].post.responses['409'].content"
                        + "['application/problem+json'].schema['$ref']").value("#/components/schemas/ProblemDetail"))
                .andExpect(jsonPath("$.paths['/api/points'].get.responses['401'].content"
                        + "['application/problem+json'].schema['$ref']").value("#/components/schemas/ProblemDetail"))
                .andExpect(jsonPath("$.paths['/api/points'].get.responses['200'].content['application/json']").exists())
                .andExpect(jsonPath("$.components.schemas.ProblemDetail.properties.detail").exists())
                .andExpect(jsonPath("$.components.schemas.ChargeRequest.properties.amount.type").value("integer"));
    }

    @Test
    void exposesProbesAndPrometheusMetrics() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
    }
}
