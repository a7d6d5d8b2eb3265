package dev.ticketing.userpoint.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import dev.ticketing.userpoint.application.AuthProperties;
import dev.ticketing.userpoint.identity.TestKeys;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    /** The local overlay's published demo key, as {@code openssl genpkey} (P-256) and {@code pkey -pubout} write it. */
    private static final String OPENSSL_PUBLIC = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEp0DPP2cn20N/uAWh14tKYihVFMKP\n9F5ov/XZZ1S0JgCvKQn0VmzopTEMcjMB2ZgNZfhM9z7JmBLhPG0/myIGaw==\n-----END PUBLIC KEY-----\n";
    private static final String OPENSSL_PRIVATE = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmRnQ9p9WPDvWoKud\nbE0SiT8pasAIdLOqv4BHnEkcLmmhRANCAASnQM8/ZyfbQ3+4BaHXi0piKFUUwo/0\nXmi/9dlnVLQmAK8pCfRWbOilMQxyMwHZmA1l+Ez3PsmYEuE8bT+bIgZr\n-----END PRIVATE KEY-----\n";

    @Test
    void readsTheKeysOpensslWrites() {
        SigningKeys keys = SigningKeys.of(
                List.of(new AuthProperties.Key("openssl", OPENSSL_PUBLIC, OPENSSL_PRIVATE)));

        assertThat(keys.signing()).map(ECKey::getKeyID).contains("openssl");
        assertThat(keys.published().getKeys()).singleElement().satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void theFirstKeyWithAPrivateKeySignsAndEveryKeyIsPublishedInOrder() {
        TestKeys first = TestKeys.generate("first");
        TestKeys second = TestKeys.generate("second");
        TestKeys third = TestKeys.generate("third");

        SigningKeys keys = SigningKeys.of(List.of(key(first, false), key(second, true), key(third, true)));

        assertThat(keys.signing()).map(ECKey::getKeyID).contains("second");
        assertThat(keys.published().getKeys()).extracting(key -> key.getKeyID())
                .containsExactly("first", "second", "third");
        assertThat(keys.published().getKeys()).noneMatch(key -> key.isPrivate());
    }

    @Test
    void withoutAPrivateKeyNothingSignsButTheKeysArePublished() {
        SigningKeys keys = SigningKeys.of(List.of(key(TestKeys.generate("public-only"), false)));

        assertThat(keys.signing()).isEmpty();
        assertThat(keys.published().getKeys()).hasSize(1);
    }

    @Test
    void refusesAPrivateKeyOfAnotherPair() {
        TestKeys one = TestKeys.generate("one");
        TestKeys other = TestKeys.generate("other");

        assertThatThrownBy(() -> SigningKeys.of(
                List.of(new AuthProperties.Key("one", one.publicPem(), other.privatePem()))))
                .hasMessageContaining("does not belong");
    }

    @Test
    void refusesAKeyThatIsNotP256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        String p384 = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> SigningKeys.of(List.of(new AuthProperties.Key("p384", p384, null))))
                .hasMessageContaining("not an EC P-256");
    }

    @Test
    void refusesTwoKeysWithOneIdAndTextThatIsNoPem() {
        TestKeys key = TestKeys.generate("twice");
        assertThatThrownBy(() -> SigningKeys.of(List.of(key(key, true), key(key, false))))
                .hasMessageContaining("Two signing keys have the id twice");
        assertThatThrownBy(() -> SigningKeys.of(List.of(new AuthProperties.Key("junk", "not a key", null))))
                .hasMessageContaining("expected PEM");
    }

    private static AuthProperties.Key key(TestKeys keys, boolean withPrivateKey) {
        return new AuthProperties.Key(keys.id(), keys.publicPem(), withPrivateKey ? keys.privatePem() : null);
    }
}
