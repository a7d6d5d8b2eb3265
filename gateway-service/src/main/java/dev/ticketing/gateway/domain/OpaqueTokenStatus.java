package dev.ticketing.gateway.domain;

/** An opaque waiting token's state as queue-service reports it (a signed admission token has none: it is verified). */
public enum OpaqueTokenStatus {
    WAITING,
    ACTIVE,
    EXPIRED,
    /** A state this gateway does not know (a newer queue-service): never a reason to let a request through. */
    UNRECOGNIZED;

    public static OpaqueTokenStatus parse(String value) {
        if (value != null) {
            for (OpaqueTokenStatus status : values()) {
                if (status != UNRECOGNIZED && status.name().equals(value)) {
                    return status;
                }
            }
        }
        return UNRECOGNIZED;
    }
}
