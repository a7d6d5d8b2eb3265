package dev.ticketing.gateway.infrastructure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ticketing.gateway.GatewayProperties;
import dev.ticketing.gateway.application.AdmissionTokenVerifier;
import dev.ticketing.gateway.domain.Admission;
import dev.ticketing.gateway.domain.AdmissionTokenCheck;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admission tokens verified with Nimbus JOSE against queue-service's public keys from configuration (never fetched):
 * ES256 only, {@code typ} {@value #TYPE} (an access token, {@code typ JWT}, is refused), the configured {@code iss},
 * and {@code sub} (a user id), {@code exp}, {@code jti} and {@code room} present. A verified token is remembered until
 * its {@code exp}, keyed by its whole text, so each token's signature is checked once per instance: only the exact
 * string that was verified hits the cache. A refused one (expired, or not valid) is remembered too, for
 * {@link #REFUSED_FOR}: an expired token never becomes valid again and the keys only change with a restart, and a
 * client that keeps sending its lapsed admission (or someone replaying one) must not cost an ECDSA check per request.
 */
public class NimbusAdmissionTokenVerifier implements AdmissionTokenVerifier {

    static final String TYPE = "admission+jwt";
    /** How long a refused token's verdict is kept; it never changes, this only bounds how long it takes memory. */
    static final Duration REFUSED_FOR = Duration.ofMinutes(10);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Cache<String, Admission> verified;
    private final Cache<String, AdmissionTokenCheck> refused;
    private final LongAdder signatureChecks = new LongAdder();
    private final Clock clock;

    public NimbusAdmissionTokenVerifier(GatewayProperties.Admission settings, Clock clock) {
        this.clock = clock;
        List<JWK> keys = new ArrayList<>();
        for (GatewayProperties.Admission.Key key : settings.keys()) {
            keys.add(new ECKey.Builder(Curve.P_256, publicKey(key)).keyID(key.id()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).build());
        }
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TYPE)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(new JWKSet(keys))));
        String issuer = settings.issuer();
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            if (!issuer.equals(claims.getIssuer())) {
                throw new BadJWTException("not issued by " + issuer);
            }
            if (claims.getExpirationTime() == null || claims.getJWTID() == null || claims.getClaim("room") == null
                    || claims.getSubject() == null || !claims.getSubject().matches("[1-9][0-9]{0,18}")) {
                throw new BadJWTException("sub, exp, jti and room are required");
            }
        });
        this.verified = Caffeine.newBuilder()
                .maximumSize(settings.verifiedCacheMaxEntries())
                .expireAfter(Expiry.creating((String token, Admission admission) ->
                        Duration.between(clock.instant(), admission.expiresAt())))
                .build();
        // a cache of its own: a flood of garbage tokens evicts other refusals, never a verified admission
        this.refused = Caffeine.newBuilder()
                .maximumSize(settings.verifiedCacheMaxEntries())
                .expireAfterWrite(REFUSED_FOR)
                .build();
    }

    @Override
    public AdmissionTokenCheck verify(String token) {
        Instant now = clock.instant();
        Admission known = verified.getIfPresent(token);
        if (known != null) {
            return now.isBefore(known.expiresAt())
                    ? new AdmissionTokenCheck.Valid(known)
                    : refuse(token, new AdmissionTokenCheck.Expired());
        }
        AdmissionTokenCheck refusedBefore = refused.getIfPresent(token);
        if (refusedBefore != null) {
            return refusedBefore;
        }
        AdmissionTokenCheck check = check(token, now);
        if (check instanceof AdmissionTokenCheck.Valid valid) {
            verified.put(token, valid.admission());
        } else {
            refuse(token, check);
        }
        return check;
    }

    private AdmissionTokenCheck refuse(String token, AdmissionTokenCheck check) {
        verified.invalidate(token);
        refused.put(token, check);
        return check;
    }

    /** How many tokens had their signature and claims checked (not answered from a cache), for tests. */
    long signatureChecks() {
        return signatureChecks.sum();
    }

    /** The signature and the claims, no cache. */
    private AdmissionTokenCheck check(String token, Instant now) {
        signatureChecks.increment();
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return new AdmissionTokenCheck.Invalid("The admission token is not valid");
        }
        Admission admission;
        try {
            admission = new Admission(claims.getJWTID(), Long.parseLong(claims.getSubject()),
                    claims.getStringClaim("room"), claims.getExpirationTime().toInstant());
        } catch (ParseException | NumberFormatException e) {
            return new AdmissionTokenCheck.Invalid("The admission token's claims are not valid");
        }
        if (!now.isBefore(admission.expiresAt())) {
            return new AdmissionTokenCheck.Expired();
        }
        return new AdmissionTokenCheck.Valid(admission);
    }

    private static ECPublicKey publicKey(GatewayProperties.Admission.Key key) {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        String pem = key.publicKey();
        if (pem == null || !pem.contains(begin) || !pem.contains(end)) {
            throw new IllegalStateException("Admission key " + key.id() + ": expected PEM \"" + begin + "\"");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(pem.indexOf(begin) + begin.length(),
                    pem.indexOf(end)));
            if (!(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey ec)
                    || !Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new IllegalStateException("Admission key " + key.id() + " is not an EC P-256 public key");
            }
            return ec;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Admission key " + key.id() + ": not an EC public key in PEM", e);
        }
    }
}
