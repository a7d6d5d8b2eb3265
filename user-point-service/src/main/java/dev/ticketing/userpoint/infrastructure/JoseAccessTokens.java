package dev.ticketing.userpoint.infrastructure;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ticketing.userpoint.application.AccessTokens;
import dev.ticketing.userpoint.application.AuthProperties;
import dev.ticketing.userpoint.application.SigningKeyUnavailableException;
import dev.ticketing.userpoint.domain.Account;
import dev.ticketing.userpoint.domain.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Access tokens as JWTs signed ES256 by Spring Security's Nimbus encoder (claims: docs/conventions.md). */
@Component
class JoseAccessTokens implements AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(JoseAccessTokens.class);

    private final SigningKeys keys;
    private final JwtEncoder encoder;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    JoseAccessTokens(AuthProperties properties, Clock clock) {
        this.keys = SigningKeys.of(properties.keys());
        // the encoder sees only the signing key: it cannot pick a published key that has no private part
        this.encoder = new NimbusJwtEncoder(
                new ImmutableJWKSet<>(keys.signing().map(JWKSet::new).orElseGet(JWKSet::new)));
        this.issuer = properties.issuer();
        this.ttl = properties.accessTokenTtl();
        this.clock = clock;
        if (keys.signing().isEmpty()) {
            log.warn("No signing key configured (AUTH_SIGNING_KEY_ID, AUTH_SIGNING_PUBLIC_KEY, "
                    + "AUTH_SIGNING_PRIVATE_KEY): logins answer 503 until one is");
        } else {
            log.info("Signing access tokens with key {}; publishing keys {}", keys.signing().get().getKeyID(),
                    keys.published().getKeys().stream().map(key -> key.getKeyID()).toList());
        }
    }

    @Override
    public IssuedToken issue(Account account) {
        String kid = keys.signing().orElseThrow(SigningKeyUnavailableException::new).getKeyID();
        // whole seconds, as the JWT carries them, so that exp - iat is exactly the configured lifetime
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(Long.toString(account.userId()))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("roles", account.roles().stream().map(Role::name).toList())
                .claim("preferred_username", account.username())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(kid).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedToken(token, ttl.toSeconds());
    }

    @Override
    public Map<String, Object> publicJwks() {
        return keys.published().toJSONObject(true);
    }
}
