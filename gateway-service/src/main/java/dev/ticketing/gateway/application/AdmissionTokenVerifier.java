package dev.ticketing.gateway.application;

import dev.ticketing.gateway.domain.AdmissionTokenCheck;

/** Verifies an admission token locally: signature with the configured public keys, type, issuer, claims. */
public interface AdmissionTokenVerifier {

    /** CPU only, no I/O: a protected request with an admission token asks neither queue-service nor Redis. */
    AdmissionTokenCheck verify(String token);
}
