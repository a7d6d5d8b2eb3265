package dev.ticketing.gateway.domain;

/** The outcome of verifying an admission token's signature and claims, before the caller and revocations. */
public sealed interface AdmissionTokenCheck {

    record Valid(Admission admission) implements AdmissionTokenCheck {
    }

    /** Signed by a key we do not know, tampered with, of another type or issuer, or missing a claim. */
    record Invalid(String reason) implements AdmissionTokenCheck {
    }

    /** Well signed, but past its {@code exp}. */
    record Expired() implements AdmissionTokenCheck {
    }
}
