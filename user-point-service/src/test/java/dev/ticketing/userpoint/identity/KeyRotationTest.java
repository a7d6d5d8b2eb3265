package dev.ticketing.userpoint.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rotation as ops do it: the service runs with key OLD; then with [NEW, OLD (public part only)], where tokens of OLD
 * still verify against the JWKS and new tokens carry NEW; then with [NEW], where tokens of OLD are refused. Each
 * phase is an instance of the service on the same database, verified against the JWKS it serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class KeyRotationTest {

    private static final TestKeys OLD = TestKeys.generate("old-key");
    private static final TestKeys NEW = TestKeys.generate("new-key");

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, OLD);
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void tokensOfARetiredKeyAreRefusedOnceItIsNoLongerPublished() {
        Http before = new Http(port);
        before.signUp("rotating-user", "rotating password");
        String oldToken = token(before);
        assertThat(verify(before, oldToken).getHeaders()).containsEntry("kid", "old-key");

        String newToken;
        try (ServiceInstance rotating = ServiceInstance.onTheDatabaseOf(environment,
                TestKeys.properties(new TestKeys[] {NEW, OLD}, NEW))) {
            Http during = rotating.http();
            List<String> published = new ArrayList<>();
            during.get("/.well-known/jwks.json").json().get("keys")
                    .forEach(key -> published.add(key.get("kid").asString()));
            assertThat(published).containsExactly("new-key", "old-key");
            assertThat(verify(during, oldToken).getSubject()).as("old token, both keys published").isNotBlank();
            newToken = token(during);
            assertThat(verify(during, newToken).getHeaders()).containsEntry("kid", "new-key");
        }

        try (ServiceInstance retired = ServiceInstance.onTheDatabaseOf(environment,
                TestKeys.properties(new TestKeys[] {NEW}, NEW))) {
            Http after = retired.http();
            assertThat(after.get("/.well-known/jwks.json").json().get("keys")).hasSize(1);
            assertThatThrownBy(() -> verify(after, oldToken)).isInstanceOf(JwtException.class);
            assertThat(verify(after, newToken).getHeaders()).containsEntry("kid", "new-key");
            assertThat(verify(after, token(after)).getHeaders()).containsEntry("kid", "new-key");
        }
    }

    @Test
    void aPublishedKeyWithoutItsPrivatePartNeverSigns() {
        Map<String, Object> publicOnlyFirst = new HashMap<>(TestKeys.properties(new TestKeys[] {NEW, OLD}, OLD));
        try (ServiceInstance instance = ServiceInstance.onTheDatabaseOf(environment, publicOnlyFirst)) {
            Http http = instance.http();
            http.signUp("second-user", "second password");
            assertThat(verify(http, http.login("second-user", "second password", "192.0.2.7").json()
                    .get("accessToken").asString()).getHeaders()).containsEntry("kid", "old-key");
        }
    }

    private static String token(Http http) {
        Http.Answer login = http.login("rotating-user", "rotating password", "192.0.2.1");
        assertThat(login.status()).isEqualTo(200);
        return login.json().get("accessToken").asString();
    }

    /** A decoder of a resource server configured with this instance's JWKS URI (fresh, so no cache in between). */
    private static Jwt verify(Http http, String token) {
        return NimbusJwtDecoder.withJwkSetUri(http.base() + "/.well-known/jwks.json")
                .jwsAlgorithm(SignatureAlgorithm.ES256).build().decode(token);
    }
}
