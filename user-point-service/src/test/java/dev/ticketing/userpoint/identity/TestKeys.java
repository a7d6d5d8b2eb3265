package dev.ticketing.userpoint.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** EC P-256 key pairs made in-process (JCA), in the PEM forms the service is configured with. */
public record TestKeys(String id, KeyPair pair) {

    public static TestKeys generate(String id) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestKeys(id, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicPem() {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    public String privatePem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** Properties that publish these keys in this order; only those in {@code signing} get their private key. */
    public static Map<String, Object> properties(TestKeys[] keys, TestKeys... signing) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            properties.put("auth.keys[" + i + "].id", keys[i].id());
            properties.put("auth.keys[" + i + "].public-key", keys[i].publicPem());
            for (TestKeys signer : signing) {
                if (signer == keys[i]) {
                    properties.put("auth.keys[" + i + "].private-key", keys[i].privatePem());
                }
            }
        }
        return properties;
    }

    /** For a {@code @DynamicPropertySource}: the service publishes and signs with this one key. */
    public static void register(DynamicPropertyRegistry registry, TestKeys key) {
        properties(new TestKeys[] {key}, key).forEach((name, value) -> registry.add(name, () -> value));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
