package dev.ticketing.concert.domain;

/** Why a RELEASED reservation ended without a sale. */
public enum ReleaseReason {
    /** Not paid before its expiry; released by the release job. */
    EXPIRED,
    /** Its holder gave it back. */
    CANCELLED
}
