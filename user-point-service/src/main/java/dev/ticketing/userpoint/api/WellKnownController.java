package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.application.AccessTokens;
import dev.ticketing.userpoint.application.AuthProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The keys that verify access tokens, and the discovery document that names them, so a resource server can be
 * configured by {@code jwk-set-uri} or {@code issuer-uri}. Public.
 */
@RestController
@Tag(name = "Identity")
class WellKnownController {

    /** Short, so that a retired key disappears from caches soon; a resource server refetches on an unknown kid. */
    private static final CacheControl KEYS_CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final AccessTokens tokens;
    private final AuthProperties properties;

    WellKnownController(AccessTokens tokens, AuthProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(summary = "The public keys (JWKS, RFC 7517) that verify access tokens: the signing key first, then any "
            + "key still published for rotation")
    @ApiResponse(responseCode = "200", description = "The JWK set")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(KEYS_CACHE).contentType(JWK_SET).body(tokens.publicJwks());
    }

    @GetMapping("/.well-known/openid-configuration")
    @Operation(summary = "Discovery (OpenID Connect Discovery 1.0 subset): issuer and jwks_uri")
    @ApiResponse(responseCode = "200", description = "The provider metadata")
    ResponseEntity<Map<String, Object>> configuration() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", properties.issuer());
        metadata.put("jwks_uri", properties.jwksUri());
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("ES256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("claims_supported", List.of("iss", "sub", "iat", "exp", "roles", "preferred_username"));
        return ResponseEntity.ok().cacheControl(KEYS_CACHE).body(metadata);
    }
}
