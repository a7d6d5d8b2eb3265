package dev.ticketing.queue.application;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How admission tokens are signed ({@code ticketing.admission.*}, environment names in docs/conventions.md).
 *
 * @param issuer the tokens' {@code iss}; the gateway accepts this one only
 * @param keys   newest first: the first key with a private key signs; the others are listed so a rotation's previous
 *               key stays known (the gateway verifies with the public parts). Entries without an id are ignored.
 */
@ConfigurationProperties("ticketing.admission")
public record AdmissionProperties(String issuer, List<Key> keys) {

    public AdmissionProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("ticketing.admission.issuer (ADMISSION_ISSUER) must be set");
        }
        keys = keys == null ? List.of()
                : keys.stream().filter(Objects::nonNull).filter(key -> key.id() != null && !key.id().isBlank())
                        .toList();
    }

    /**
     * @param id         the {@code kid}
     * @param publicKey  PEM ({@code -----BEGIN PUBLIC KEY-----}), EC P-256
     * @param privateKey PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}); only on the key that signs
     */
    public record Key(String id, String publicKey, String privateKey) {

        public boolean canSign() {
            return privateKey != null && !privateKey.isBlank();
        }
    }
}
