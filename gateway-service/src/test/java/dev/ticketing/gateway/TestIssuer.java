package dev.ticketing.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An identity provider as the gateway sees one: a real HTTP server publishing a JWKS (the JDK's server, keys made in
 * the test with JCA through Nimbus), and access tokens signed like user-point-service signs them (ES256, {@code kid},
 * {@code iss}, {@code sub} = user id, {@code iat}, {@code exp}, {@code roles}). The published keys can change while
 * the gateway runs, and the JWKS can fail, to test rotation and outages.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ISSUER = "http://issuer.test:8084";
    public static final Duration TTL = Duration.ofMinutes(15);

    private final AtomicReference<List<ECKey>> published = new AtomicReference<>();
    private final AtomicInteger failWith = new AtomicInteger();
    private final TestHttpServer server;
    private volatile ECKey signingKey;

    private TestIssuer() {
        signingKey = newKey("key-1");
        published.set(List.of(signingKey));
        server = TestHttpServer.answering(exchange -> {
            int failure = failWith.get();
            if (failure != 0) {
                TestHttpServer.respond(exchange, failure, "{}");
                return;
            }
            List<JWK> keys = published.get().stream().map(key -> (JWK) key.toPublicJWK()).toList();
            TestHttpServer.respond(exchange, 200, new JWKSet(keys).toString());
        });
    }

    public static TestIssuer start() {
        return new TestIssuer();
    }

    public static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwkSetUri() {
        return server.baseUrl() + "/.well-known/jwks.json";
    }

    /** How many times the JWKS was fetched. */
    public int jwksRequests() {
        return server.requests();
    }

    /** The JWKS from now on holds exactly these keys (public parts). */
    public void publish(ECKey... keys) {
        published.set(List.of(keys));
    }

    public void signWith(ECKey key) {
        signingKey = key;
    }

    public ECKey signingKey() {
        return signingKey;
    }

    /** 0: the JWKS answers normally; any other status: it answers that status. */
    public void failJwksWith(int status) {
        failWith.set(status);
    }

    /** A valid access token of {@code userId}, signed by the current key. */
    public String token(long userId) {
        return sign(signingKey, claims(userId).build());
    }

    public static JWTClaimsSet.Builder claims(long userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .claim("roles", List.of("USER"))
                .claim("preferred_username", "user" + userId);
    }

    /** Signed ES256 with {@code key}, its {@code kid} in the header. */
    public static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                    .build(), claims, new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
