package dev.ticketing.queue.infrastructure;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ticketing.queue.application.AdmissionProperties;
import dev.ticketing.queue.application.AdmissionTokens;
import dev.ticketing.queue.domain.Admission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Admission tokens as JWTs signed ES256 by Spring Security's Nimbus encoder, like user-point's access tokens, with a
 * {@code typ} of their own ({@value #TYPE}) so neither kind of token can stand in for the other. Claims:
 * docs/conventions.md, "Admission tokens".
 */
@Component
class JoseAdmissionTokens implements AdmissionTokens {

    /** The JOSE header {@code typ} of an admission token (an access token's is {@code JWT}). */
    static final String TYPE = "admission+jwt";

    private static final Logger log = LoggerFactory.getLogger(JoseAdmissionTokens.class);

    private final Optional<ECKey> signingKey;
    private final JwtEncoder encoder;
    private final String issuer;
    private final Clock clock;

    JoseAdmissionTokens(AdmissionProperties properties, Clock clock) {
        this.signingKey = properties.keys().stream().filter(AdmissionProperties.Key::canSign).findFirst()
                .map(JoseAdmissionTokens::signingKey);
        // every listed public key must parse: a typo in the previous key is found at start-up, not at the gateway
        properties.keys().forEach(JoseAdmissionTokens::publicKey);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(signingKey.map(JWKSet::new).orElseGet(JWKSet::new)));
        this.issuer = properties.issuer();
        this.clock = clock;
        if (signingKey.isEmpty()) {
            log.warn("No admission signing key configured (ADMISSION_SIGNING_KEY_ID, ADMISSION_SIGNING_PUBLIC_KEY,"
                    + " ADMISSION_SIGNING_PRIVATE_KEY): ACTIVE answers carry no admissionToken");
        } else {
            log.info("Signing admission tokens with key {}", signingKey.get().getKeyID());
        }
    }

    @Override
    public Optional<String> sign(Admission admission) {
        // whole seconds, as the JWT carries them
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = admission.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(now)) {
            // an admission in its last second (or past it, before the tick expires it) has nothing left to grant:
            // no token rather than one that expires as it is issued (the encoder refuses exp <= iat)
            return Optional.empty();
        }
        return signingKey.map(key -> {
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(issuer)
                    .subject(Long.toString(admission.userId()))
                    .id(admission.id())
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .claim("room", admission.room())
                    .claim("admittedAt", admission.admittedAt().getEpochSecond())
                    .build();
            JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(key.getKeyID()).type(TYPE).build();
            return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        });
    }

    private static ECKey signingKey(AdmissionProperties.Key key) {
        try {
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(pem(key.privateKey(), "PRIVATE KEY", key.id())));
            return new ECKey.Builder(Curve.P_256, publicKey(key)).privateKey(privateKey).keyID(key.id())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Admission key " + key.id() + ": the private key is not an EC key in"
                    + " PEM PKCS#8", e);
        }
    }

    private static ECPublicKey publicKey(AdmissionProperties.Key key) {
        try {
            if (!(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    pem(key.publicKey(), "PUBLIC KEY", key.id()))) instanceof ECPublicKey ec)
                    || !Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new IllegalStateException("Admission key " + key.id() + " is not an EC P-256 public key");
            }
            return ec;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Admission key " + key.id() + ": the public key is not an EC key in PEM",
                    e);
        }
    }

    private static byte[] pem(String text, String type, String id) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (text == null || !text.contains(begin) || !text.contains(end)) {
            throw new IllegalStateException("Admission key " + id + ": expected PEM \"" + begin + "\"");
        }
        return Base64.getMimeDecoder().decode(text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end)));
    }
}
