package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.Admission;
import java.util.Optional;

/** Signs admissions as self-contained tokens the gateway verifies without asking us (docs/conventions.md). */
public interface AdmissionTokens {

    /** The compact JWS for this admission; empty when no signing key is configured. */
    Optional<String> sign(Admission admission);
}
