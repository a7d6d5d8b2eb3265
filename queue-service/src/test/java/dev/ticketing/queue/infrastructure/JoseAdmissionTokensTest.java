package dev.ticketing.queue.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.queue.application.AdmissionProperties;
import dev.ticketing.queue.domain.Admission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signer never fails on an admission at the end of its life (a 500 on the token route, seen in ./bin/test). */
class JoseAdmissionTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:42:02.632Z");

    @Test
    void anAdmissionWithTimeLeftIsSigned() throws Exception {
        assertThat(signerAt(NOW).sign(admissionExpiringAt(NOW.plusSeconds(30)))).isPresent();
    }

    @Test
    void anAdmissionInItsLastSecondOrPastItGetsNoToken() throws Exception {
        JoseAdmissionTokens signer = signerAt(NOW);
        // 18:42:02.900 truncates to the same second as now: a token would expire as it is issued
        assertThat(signer.sign(admissionExpiringAt(NOW.plusMillis(268)))).isEmpty();
        assertThat(signer.sign(admissionExpiringAt(NOW))).isEmpty();
        // ACTIVE past its expiry until the next tick expires it
        assertThat(signer.sign(admissionExpiringAt(NOW.minusSeconds(2)))).isEmpty();
    }

    private static Admission admissionExpiringAt(Instant expiresAt) {
        return new Admission("a1b2c3", 7, "default", expiresAt.minusSeconds(90), expiresAt);
    }

    private static JoseAdmissionTokens signerAt(Instant now) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        var key = new AdmissionProperties.Key("test-key", pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new JoseAdmissionTokens(new AdmissionProperties("queue-service", List.of(key)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
