package dev.ticketing.queue.domain;

import java.time.Instant;

/** Where a token stands, as read atomically from the store. */
public sealed interface TokenStanding {

    /** In line; {@code position} is how many are ahead (0 = admitted at the next tick with room). */
    record Waiting(long userId, long position) implements TokenStanding {
    }

    /**
     * Joined a room whose opening is scheduled: no place yet, since the whole pre-queue is shuffled at
     * {@code opensAt}; then {@link Waiting}.
     */
    record PreQueued(long userId, Instant opensAt) implements TokenStanding {
    }

    /** The room of requests without a concert id; the admission token carries a room as {@code room}. */
    String DEFAULT_ROOM = "default";

    /** Admitted into {@code room} ("default" or the concert id) until {@code expiresAt}. */
    record Active(long userId, Instant expiresAt, String room) implements TokenStanding {
    }

    /** Was valid, is no longer (lifetime over or the user paid); remembered for a while to say so. */
    record Expired(long userId) implements TokenStanding {
    }

    /** Never issued, or expired so long ago that it is forgotten. */
    record Unknown() implements TokenStanding {
    }
}
