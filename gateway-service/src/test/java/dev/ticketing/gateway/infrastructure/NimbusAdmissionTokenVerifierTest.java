package dev.ticketing.gateway.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import dev.ticketing.gateway.AdmissionKeys;
import dev.ticketing.gateway.GatewayProperties;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.gateway.domain.Admission;
import dev.ticketing.gateway.domain.AdmissionTokenCheck;
import dev.ticketing.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class NimbusAdmissionTokenVerifierTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final AdmissionKeys CURRENT = AdmissionKeys.generate("adm-2");
    private static final AdmissionKeys PREVIOUS = AdmissionKeys.generate("adm-1");
    private static final AdmissionKeys STRANGER = AdmissionKeys.generate("adm-2");

    private final NimbusAdmissionTokenVerifier verifier = new NimbusAdmissionTokenVerifier(
            new GatewayProperties.Admission(AdmissionKeys.ISSUER, List.of(
                    new GatewayProperties.Admission.Key(CURRENT.id(), CURRENT.publicPem()),
                    new GatewayProperties.Admission.Key(PREVIOUS.id(), PREVIOUS.publicPem())),
                    1000, "unused", java.time.Duration.ofSeconds(10)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tokenOfTheCurrentOrThePreviousKeyIsValidWithItsClaims() {
        Instant expiresAt = NOW.plusSeconds(600);
        assertThat(verifier.verify(CURRENT.token(42, "default", expiresAt, "jti-1")))
                .isEqualTo(new AdmissionTokenCheck.Valid(new Admission("jti-1", 42, "default", expiresAt)));
        assertThat(verifier.verify(PREVIOUS.token(43, "concert-7", expiresAt, "jti-2")))
                .isEqualTo(new AdmissionTokenCheck.Valid(new Admission("jti-2", 43, "concert-7", expiresAt)));
    }

    @Test
    void tokenPastItsExpiryIsExpired() {
        assertThat(verifier.verify(CURRENT.token(42, NOW))).isInstanceOf(AdmissionTokenCheck.Expired.class);
        assertThat(verifier.verify(CURRENT.token(42, NOW.minusSeconds(1))))
                .isInstanceOf(AdmissionTokenCheck.Expired.class);
    }

    @Test
    void forgedTamperedOrForeignTokensAreInvalid() {
        Instant later = NOW.plusSeconds(600);
        String good = CURRENT.token(42, later);
        String[] parts = good.split("\\.");
        String otherPayload = CURRENT.token(1, later).split("\\.")[1];
        List<String> bad = List.of(
                // signed by a key of the same kid that is not queue-service's
                STRANGER.token(42, later),
                // another user's claims under this token's signature
                parts[0] + "." + otherPayload + "." + parts[2],
                // an access token's type, another issuer, no room
                CURRENT.sign(JOSEObjectType.JWT, AdmissionKeys.ISSUER, 42, "default", later, "j"),
                CURRENT.sign(new JOSEObjectType("admission+jwt"), TestIssuer.ISSUER, 42, "default", later, "j"),
                CURRENT.sign(new JOSEObjectType("admission+jwt"), AdmissionKeys.ISSUER, 42, null, later, "j"),
                "a.b.c");
        for (String token : bad) {
            assertThat(verifier.verify(token)).as(token).isInstanceOf(AdmissionTokenCheck.Invalid.class);
        }
    }

    @Test
    void aRefusedTokenIsCheckedOnceNotOnEveryRequest() {
        String lapsed = CURRENT.token(42, NOW.minusSeconds(1));
        String forged = STRANGER.token(42, NOW.plusSeconds(600));
        for (int i = 0; i < 100; i++) {
            assertThat(verifier.verify(lapsed)).isInstanceOf(AdmissionTokenCheck.Expired.class);
            assertThat(verifier.verify(forged)).isInstanceOf(AdmissionTokenCheck.Invalid.class);
        }
        assertThat(verifier.signatureChecks()).isEqualTo(2);
    }

    @Test
    void aTokenThatLapsesAfterItsCheckStaysRefusedWithoutAnotherCheck() {
        MutableClock clock = MutableClock.stoppedAt(NOW);
        NimbusAdmissionTokenVerifier lapsing = new NimbusAdmissionTokenVerifier(
                new GatewayProperties.Admission(AdmissionKeys.ISSUER, List.of(
                        new GatewayProperties.Admission.Key(CURRENT.id(), CURRENT.publicPem())),
                        1000, "unused", java.time.Duration.ofSeconds(10)),
                clock);
        String token = CURRENT.token(42, NOW.plusSeconds(60));
        assertThat(lapsing.verify(token)).isInstanceOf(AdmissionTokenCheck.Valid.class);
        assertThat(lapsing.verify(token)).isInstanceOf(AdmissionTokenCheck.Valid.class);
        clock.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 100; i++) {
            assertThat(lapsing.verify(token)).isInstanceOf(AdmissionTokenCheck.Expired.class);
        }
        assertThat(lapsing.signatureChecks()).isEqualTo(1);
    }
}
