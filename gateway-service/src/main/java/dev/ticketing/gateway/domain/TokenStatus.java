package dev.ticketing.gateway.domain;

/** A queue token's state as queue-service reports it. */
public enum TokenStatus {
    WAITING,
    ACTIVE,
    EXPIRED,
    /** A state this gateway does not know (a newer queue-service): never a reason to let a request through. */
    UNRECOGNIZED;

    public static TokenStatus parse(String value) {
        if (value != null) {
            for (TokenStatus status : values()) {
                if (status != UNRECOGNIZED && status.name().equals(value)) {
                    return status;
                }
            }
        }
        return UNRECOGNIZED;
    }
}
