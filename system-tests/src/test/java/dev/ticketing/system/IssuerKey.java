package dev.ticketing.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * The local issuer's own signing key, so a test can make tokens that only differ from genuine ones in one claim
 * (expired, another {@code iss}): proof that the gateway checks the claims and not only the signature. The key is
 * the one the locally started user-point-service signs with: {@code AUTH_SIGNING_PRIVATE_KEY} when the tests run with
 * it set, else the key bin/services.sh made once under the state folder ({@code .infra/keys/signing.key.pem}). It
 * is matched to the published JWKS by its public part, and the token names it by its published {@code kid}.
 */
final class IssuerKey {

    private static volatile ECKey signing;

    private IssuerKey() {
    }

    static String sign(JWTClaimsSet claims) throws JOSEException {
        ECKey key = key();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey key() {
        if (signing == null) {
            signing = load();
        }
        return signing;
    }

    private static ECKey load() {
        try {
            String pem = privateKeyPem();
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            JWKSet published = JWKSet.parse(Gateway.send(Gateway.request("/.well-known/jwks.json", null, null)
                    .GET().build()).raw());
            for (JWK jwk : published.getKeys()) {
                if (jwk instanceof ECKey ec && matches(ec, privateKey)) {
                    return new ECKey.Builder(ec).privateKey(privateKey).build();
                }
            }
            throw new AssertionError("The local signing key is not among the published keys: " + published);
        } catch (ParseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the issuer's signing key", e);
        }
    }

    /** Whether the private key belongs to the published public key: d·G must be the public point. */
    private static boolean matches(ECKey published, ECPrivateKey privateKey) {
        try {
            ECKey candidate = new ECKey.Builder(published).privateKey(privateKey).build();
            SignedJWT probe = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().build());
            probe.sign(new ECDSASigner(candidate));
            return probe.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(published.toPublicJWK()));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static String privateKeyPem() {
        String configured = System.getenv("AUTH_SIGNING_PRIVATE_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = LocalSystem.stateDir().resolve("keys/signing.key.pem");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("No AUTH_SIGNING_PRIVATE_KEY and no " + file
                    + ": the system tests forge expired and other-issuer tokens with the local issuer's key", e);
        }
    }
}
