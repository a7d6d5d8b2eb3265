package dev.ticketing.userpoint.application;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code auth.*}: the identity provider's settings (README "Configuration").
 *
 * @param issuer          the {@code iss} of every token ({@code AUTH_ISSUER})
 * @param jwksPublicUri   where resource servers fetch the keys ({@code AUTH_JWKS_PUBLIC_URI}); blank: derived from
 *                        the issuer
 * @param accessTokenTtl  how long an access token is valid ({@code AUTH_ACCESS_TOKEN_TTL})
 * @param bcryptStrength  bcrypt's cost factor for new hashes ({@code AUTH_BCRYPT_STRENGTH}); each step doubles the
 *                        CPU price of a login
 * @param passwordHashMaxWait how long a login or sign-up waits for a free password-hashing thread before it is
 *                        answered 503 ({@code AUTH_PASSWORD_HASH_MAX_WAIT}); below the gateway's response timeout, so
 *                        no hash is made for a client that has already been given up
 * @param login           the login throttle
 * @param keys            the published keys, newest first; the first with a private key signs. Entries without an id
 *                        are ignored (so the optional previous key can stay unset)
 */
@ConfigurationProperties("auth")
public record AuthProperties(
        @DefaultValue("http://127.0.0.1:8084") String issuer,
        String jwksPublicUri,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("3s") Duration passwordHashMaxWait,
        @DefaultValue Login login,
        List<Key> keys) {

    public AuthProperties {
        keys = keys == null ? List.of()
                : keys.stream().filter(Objects::nonNull).filter(key -> key.id() != null && !key.id().isBlank())
                        .toList();
    }

    public String jwksUri() {
        if (jwksPublicUri != null && !jwksPublicUri.isBlank()) {
            return jwksPublicUri;
        }
        return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/.well-known/jwks.json";
    }

    /**
     * @param failureWindow          the fixed window failures are counted in ({@code AUTH_LOGIN_FAILURE_WINDOW})
     * @param maxFailuresPerUser     failed logins per username and window ({@code AUTH_LOGIN_MAX_FAILURES_PER_USER})
     * @param maxFailuresPerAddress  failed logins per client address and window
     *                               ({@code AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS})
     */
    public record Login(
            @DefaultValue("5m") Duration failureWindow,
            @DefaultValue("10") int maxFailuresPerUser,
            @DefaultValue("100") int maxFailuresPerAddress) {
    }

    /**
     * @param id         the JWK {@code kid}
     * @param publicKey  PEM ({@code -----BEGIN PUBLIC KEY-----}), EC P-256
     * @param privateKey PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}); only on a key that may sign
     */
    public record Key(String id, String publicKey, String privateKey) {

        public boolean canSign() {
            return privateKey != null && !privateKey.isBlank();
        }
    }
}
