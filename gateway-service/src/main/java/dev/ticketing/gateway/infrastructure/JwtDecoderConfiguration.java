package dev.ticketing.gateway.infrastructure;

import dev.ticketing.gateway.GatewayProperties;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The access-token check of the OAuth2 resource server: signature against the issuer's published keys
 * ({@link JwkSetSource}), ES256 only, then {@code typ}, {@code exp}/{@code nbf}, {@code iss}, and a {@code sub} that is
 * a user id. Configured by Spring's own keys ({@code spring.security.oauth2.resourceserver.jwt.*}): with
 * {@code jwk-set-uri} the keys are read from there and nothing is fetched at start-up; with only {@code issuer-uri}
 * the JWKS location comes from the issuer's discovery document, read when the first token arrives.
 */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfiguration {

    /** The only signature algorithm accepted: never {@code none}, never an HMAC. */
    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ES256;

    @Bean
    JwkSetSource jwkSetSource(OAuth2ResourceServerProperties resourceServer, GatewayProperties properties,
            Clock clock, ObjectProvider<ObservationRegistry> observations) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        GatewayProperties.Auth auth = properties.auth();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) auth.jwkSetTimeout().toMillis())
                .responseTimeout(auth.jwkSetTimeout());
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 * 1024))
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .build();
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            return JwkSetSource.at(URI.create(jwt.getJwkSetUri()), web, auth.jwkSetCacheTtl(),
                    auth.jwkSetRefreshMinInterval(), auth.jwkSetTimeout(), clock);
        }
        if (StringUtils.hasText(jwt.getIssuerUri())) {
            return JwkSetSource.discoveredFrom(jwt.getIssuerUri(), web, auth.jwkSetCacheTtl(),
                    auth.jwkSetRefreshMinInterval(), auth.jwkSetTimeout(), clock);
        }
        throw new IllegalStateException("Set spring.security.oauth2.resourceserver.jwt.jwk-set-uri (AUTH_JWK_SET_URI)"
                + " or issuer-uri (AUTH_ISSUER)");
    }

    /** A cold gateway's first burst would otherwise wait for (and, on a busy box, time out on) the first fetch. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> signingKeysPrefetch(JwkSetSource keys, GatewayProperties properties) {
        return event -> {
            if (properties.auth().jwkSetPrefetch()) {
                keys.prefetch();
            }
        };
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwkSetSource keys, OAuth2ResourceServerProperties resourceServer,
            GatewayProperties properties, Clock clock) {
        List<String> algorithms = resourceServer.getJwt().getJwsAlgorithms();
        if (!algorithms.equals(List.of(ALGORITHM.getName()))) {
            throw new IllegalStateException("The gateway accepts " + ALGORITHM + " access tokens only, not "
                    + algorithms);
        }
        String issuer = resourceServer.getJwt().getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("Set spring.security.oauth2.resourceserver.jwt.issuer-uri (AUTH_ISSUER):"
                    + " a token of another issuer must be refused");
        }
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(jwt -> keys.keysFor(jwt.getHeader()))
                .jwsAlgorithm(ALGORITHM)
                // typ is checked below, with the other claims
                .validateType(false)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.auth().clockSkew());
        timestamps.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(JwtTypeValidator.jwt(), timestamps,
                new JwtIssuerValidator(issuer), JwtDecoderConfiguration::subjectIsAUserId)));
        // keys that cannot be fetched are the provider's outage (503), not a bad token (401): a JwtException that is
        // not a BadJwtException becomes Spring's AuthenticationServiceException
        ReactiveJwtDecoder checked = token -> nimbus.decode(token).onErrorMap(JwtDecoderConfiguration::isKeysUnavailable,
                failure -> new JwtException("The identity provider's keys cannot be fetched", failure));
        return verifiedOnce(checked, clock, properties.auth().jwkSetCacheTtl());
    }

    /** {@code X-User-Id} downstream is a positive {@code long}; any other subject is not one of our users. */
    static OAuth2TokenValidatorResult subjectIsAUserId(Jwt jwt) {
        String subject = jwt.getSubject();
        boolean valid = subject != null && subject.matches("[1-9][0-9]{0,18}");
        if (valid) {
            try {
                Long.parseLong(subject);
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        return valid ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(
                new OAuth2Error("invalid_token", "The token's subject is not a user id", null));
    }

    private static boolean isKeysUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwkSetSource.JwkSetUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The profile of the gateway under load (docs/benchmarks.md) showed the ES256 signature check of the access token
     * as the largest single cost of a request. A token verified once is remembered, keyed by its whole text, until its
     * {@code exp} (at most {@link #VERIFIED_TTL} and never longer than the key set is kept, so a key retired from the JWKS stops
     * counting within about the same time as before): only
     * the exact string that passed every check hits the cache; failures are never cached.
     */
    static ReactiveJwtDecoder verifiedOnce(ReactiveJwtDecoder decoder, Clock clock, java.time.Duration keysKeptFor) {
        java.time.Duration cap = keysKeptFor.compareTo(VERIFIED_TTL) < 0 ? keysKeptFor : VERIFIED_TTL;
        com.github.benmanes.caffeine.cache.Cache<String, Jwt> verified = com.github.benmanes.caffeine.cache.Caffeine
                .newBuilder()
                .maximumSize(VERIFIED_MAX_ENTRIES)
                .expireAfter(com.github.benmanes.caffeine.cache.Expiry.creating((String token, Jwt jwt) -> {
                    java.time.Duration untilExpiry = jwt.getExpiresAt() == null ? java.time.Duration.ZERO
                            : java.time.Duration.between(clock.instant(), jwt.getExpiresAt());
                    return untilExpiry.compareTo(cap) < 0 ? untilExpiry : cap;
                }))
                .build();
        return token -> {
            Jwt known = verified.getIfPresent(token);
            if (known != null && (known.getExpiresAt() == null || clock.instant().isBefore(known.getExpiresAt()))) {
                return reactor.core.publisher.Mono.just(known);
            }
            return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        };
    }

    static final java.time.Duration VERIFIED_TTL = java.time.Duration.ofMinutes(1);
    static final long VERIFIED_MAX_ENTRIES = 100_000;
}
