package dev.ticketing.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * An admission signing key as queue-service holds one (PEM texts for its configuration) and tokens signed the way
 * queue-service signs them, for tests that need a token queue-service did not hand out.
 */
public final class AdmissionKeys {

    public static final String ISSUER = "queue-service-test";

    private final ECKey key;

    private AdmissionKeys(ECKey key) {
        this.key = key;
    }

    public static AdmissionKeys generate(String kid) {
        return new AdmissionKeys(TestIssuer.newKey(kid));
    }

    public String id() {
        return key.getKeyID();
    }

    public String publicPem() {
        try {
            return pem("PUBLIC KEY", key.toECPublicKey().getEncoded());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String privatePem() {
        try {
            return pem("PRIVATE KEY", key.toECPrivateKey().getEncoded());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed like queue-service's JoseAdmissionTokens. */
    public String token(long userId, String room, Instant expiresAt, String jti) {
        return sign(new JOSEObjectType("admission+jwt"), ISSUER, userId, room, expiresAt, jti);
    }

    public String token(long userId, Instant expiresAt) {
        return token(userId, "default", expiresAt, UUID.randomUUID().toString().replace("-", ""));
    }

    public String sign(JOSEObjectType type, String issuer, long userId, String room, Instant expiresAt, String jti) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(Long.toString(userId))
                .jwtID(jti).issueTime(new Date()).expirationTime(Date.from(expiresAt))
                .claim("admittedAt", Instant.now().getEpochSecond());
        if (room != null) {
            claims.claim("room", room);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type)
                .build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
