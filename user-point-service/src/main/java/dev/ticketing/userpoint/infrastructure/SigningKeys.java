package dev.ticketing.userpoint.infrastructure;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import dev.ticketing.userpoint.application.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured keys as JWKs: every one is published (public part), the first with a private key signs. Read once
 * at start-up; a key that is not EC P-256, a private key that does not belong to its public key, or two keys with one
 * id stop the service rather than produce tokens nobody can verify.
 */
final class SigningKeys {

    private final JWKSet published;
    private final Optional<ECKey> signing;

    private SigningKeys(JWKSet published, Optional<ECKey> signing) {
        this.published = published;
        this.signing = signing;
    }

    static SigningKeys of(List<AuthProperties.Key> keys) {
        List<ECKey> jwks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ECKey signing = null;
        for (AuthProperties.Key key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalStateException("Two signing keys have the id " + key.id());
            }
            ECPublicKey publicKey = publicKey(key);
            ECKey.Builder jwk = new ECKey.Builder(Curve.P_256, publicKey)
                    .keyID(key.id()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256);
            if (signing == null && key.canSign()) {
                ECPrivateKey privateKey = privateKey(key);
                requirePair(key.id(), publicKey, privateKey);
                signing = jwk.privateKey(privateKey).build();
            }
            jwks.add(jwk.build());
        }
        return new SigningKeys(new JWKSet(List.copyOf(jwks)), Optional.ofNullable(signing));
    }

    /** Public parts only. */
    JWKSet published() {
        return published.toPublicJWKSet();
    }

    Optional<ECKey> signing() {
        return signing;
    }

    private static ECPublicKey publicKey(AuthProperties.Key key) {
        try {
            if (!(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem(key.publicKey(),
                    "PUBLIC KEY", key.id()))) instanceof ECPublicKey ec)
                    || !Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new IllegalStateException("Key " + key.id() + " is not an EC P-256 public key");
            }
            return ec;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key " + key.id() + ": the public key is not an EC key in PEM", e);
        }
    }

    private static ECPrivateKey privateKey(AuthProperties.Key key) {
        try {
            PrivateKey parsed = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(pem(key.privateKey(), "PRIVATE KEY", key.id())));
            return (ECPrivateKey) parsed;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Key " + key.id() + ": the private key is not an EC key in PEM PKCS#8", e);
        }
    }

    /** Signs and verifies one message: a private key of another pair would sign tokens the JWKS cannot verify. */
    private static void requirePair(String id, ECPublicKey publicKey, ECPrivateKey privateKey) {
        try {
            byte[] message = ("key pair check " + id).getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("Key " + id + ": the private key does not belong to the public key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key " + id + ": the private key cannot sign with ES256", e);
        }
    }

    private static byte[] pem(String text, String type, String id) {
        if (text == null || !text.contains("-----BEGIN " + type + "-----")) {
            throw new IllegalStateException("Key " + id + ": expected PEM \"-----BEGIN " + type + "-----\"");
        }
        String body = text.substring(text.indexOf("-----BEGIN " + type + "-----") + type.length() + 16);
        int end = body.indexOf("-----END " + type + "-----");
        if (end < 0) {
            throw new IllegalStateException("Key " + id + ": PEM \"-----END " + type + "-----\" missing");
        }
        return Base64.getMimeDecoder().decode(body.substring(0, end));
    }
}
