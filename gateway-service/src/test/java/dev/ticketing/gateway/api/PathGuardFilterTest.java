package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathGuardFilterTest {

    @Test
    void pathsATomcatWouldNormaliseElsewhereAreAmbiguous() {
        for (String path : new String[] {"/api/points/../../internal/users/1", "/api/queue/./tokens",
                "/api/points/..", "/api/queue/%2e%2e/internal", "/api/queue/%2E./internal",
                "/api/queue/tokens%2f..%2finternal", "/api/points;jsessionid=1", "/api/points/..;/internal",
                "/api/points\\..\\internal", "/api/queue/%252e%252e/internal",
                "/api/concerts/1%00/dates", "/api/queue/tokens/me%00", "/api/points%0d%0aX-Injected:%201",
                "/api/points/%1F", "/api/points/%7f"}) {
            assertThat(PathGuardFilter.isAmbiguous(path)).as(path).isTrue();
        }
    }

    @Test
    void ordinaryApiPathsPass() {
        for (String path : new String[] {"/api/concerts", "/api/concerts/1/dates/2/seats", "/api/queue/tokens/me",
                "/api/points/history", "/v3/api-docs/queue-service", "/swagger-ui/index.html", "/api/a..b",
                "/api/concerts/%20"}) {
            assertThat(PathGuardFilter.isAmbiguous(path)).as(path).isFalse();
        }
    }
}
