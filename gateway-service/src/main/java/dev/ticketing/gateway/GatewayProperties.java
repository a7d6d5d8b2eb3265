package dev.ticketing.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The gateway's own tunables ({@code gateway.*} in application.yml, each overridable by environment). */
@ConfigurationProperties("gateway")
public record GatewayProperties(QueueToken queueToken, Cors cors, ClientAddress clientAddress, Auth auth,
        Admission admission) {

    /**
     * How admission tokens (signed by queue-service) are verified here, without asking anybody.
     *
     * @param issuer the only {@code iss} accepted (queue-service's {@code ADMISSION_ISSUER})
     * @param keys queue-service's public keys, newest first; an entry without an id is ignored
     * @param verifiedCacheMaxEntries verified tokens remembered (until their {@code exp}) so a token's signature is
     *     checked once, not on every request
     * @param revocationsKey Redis sorted set and pub/sub channel of revoked admissions (queue-service's key prefix +
     *     {@code admission-revoked})
     * @param revocationsReload how often the live set is read again besides the subscription: it heals a message
     *     missed while the subscription was down, and drops ids past their {@code exp}
     */
    public record Admission(String issuer, List<Key> keys, long verifiedCacheMaxEntries, String revocationsKey,
            Duration revocationsReload) {

        public Admission {
            keys = keys == null ? List.of()
                    : keys.stream().filter(key -> key != null && key.id() != null && !key.id().isBlank()).toList();
        }

        /** {@code id} is the {@code kid}; {@code publicKey} PEM, EC P-256. */
        public record Key(String id, String publicKey) {
        }
    }


    /**
     * How tokens are checked with queue-service (its address and timeouts: {@code peers.queue.*},
     * {@link dev.ticketing.gateway.infrastructure.QueuePeerProperties}).
     *
     * @param maxConnections pooled, reused connections to queue-service
     * @param cacheTtl how long an ACTIVE validation may be reused without asking again; 0 = never
     * @param cacheMaxEntries bound of that cache
     */
    public record QueueToken(int maxConnections, Duration cacheTtl, long cacheMaxEntries) {

        /** A token expired by a payment stays usable for this long when cached: the cache is kept very short. */
        public static final Duration MAX_CACHE_TTL = Duration.ofSeconds(1);

        public QueueToken {
            if (cacheTtl.isNegative() || cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
                throw new IllegalArgumentException("gateway.queue-token.cache-ttl must be between 0 and "
                        + MAX_CACHE_TTL + ", was " + cacheTtl);
            }
        }
    }

    /** Browser origins allowed to call the API (Spring origin patterns, e.g. {@code https://*.example.com}). */
    public record Cors(List<String> allowedOriginPatterns, Duration maxAge) {
    }

    /**
     * Which address identifies a client for rate limiting. With {@code trustedProxyHops} = 0 it is the TCP peer;
     * behind N proxies that each append to X-Forwarded-For, it is the entry the outermost trusted proxy wrote. Never
     * trust more hops than there are proxies: a client could then choose its own address.
     */
    public record ClientAddress(int trustedProxyHops) {
    }

    /**
     * How the identity provider's signing keys (its JWKS) are kept. The URI and the issuer are Spring's own keys,
     * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} / {@code issuer-uri}.
     *
     * @param jwkSetCacheTtl how long a fetched key set is used before it is fetched again; a key the provider stops
     *     publishing is refused at most this long after
     * @param jwkSetRefreshMinInterval a token with a {@code kid} the cached set does not have makes the gateway fetch
     *     the set again, at most once per this interval (a flood of made-up key ids cannot flood the provider)
     * @param jwkSetTimeout one fetch of the key set (or of the discovery document)
     * @param clockSkew tolerance on {@code exp}/{@code nbf} between the provider's clock and ours
     */
    public record Auth(Duration jwkSetCacheTtl, Duration jwkSetRefreshMinInterval, Duration jwkSetTimeout,
            Duration clockSkew, boolean jwkSetPrefetch) {
    }
}
