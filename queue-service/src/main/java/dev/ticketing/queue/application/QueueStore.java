package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomChange;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.TokenStanding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where the waiting rooms live. Every operation is atomic on the store's side, so concurrent requests and several
 * instances need no coordination of their own. Failures to reach the store surface as
 * {@link dev.ticketing.queue.domain.QueueError.DependencyUnavailable}.
 */
public interface QueueStore {

    /**
     * Puts {@code candidate} at the end of {@code room}'s line (its pre-queue before the opening) for {@code userId},
     * unless the user already holds a live token there. {@link IssueOutcome#openingDue()}: nothing was issued, the
     * room's opening is due and must run first ({@link #open}).
     */
    IssueOutcome issue(RoomId room, long userId, QueueToken candidate, Instant now);

    Lookup status(QueueToken token, Instant now);

    /** The room's opening, if due and not yet done: the pre-queue shuffled with {@code candidateSeed}. */
    Opening open(RoomId room, Instant now, long candidateSeed);

    /**
     * Expires {@code room}'s active tokens due at {@code now}, then admits the oldest waiting ones into the free
     * places. {@code keepInterval}: skip the round if the room's admission interval has not passed since its last one
     * (by any instance).
     */
    TickResult tick(RoomId room, Instant now, boolean keepInterval);

    /**
     * Ends the visit of a user who paid, in that room, and revokes their admission token there if they were admitted;
     * applying the same {@code eventId} again does nothing.
     */
    PaymentExpiry expireOnPayment(UUID eventId, RoomId room, long userId, Instant paidAt, Instant now);

    /** The rooms with anything in them or scheduled, and the default room. */
    Set<RoomId> rooms();

    RoomSnapshot snapshot(RoomId room, Instant now);

    /**
     * Applies an operator's change ({@code fields}: capacity, intervalMs, paused, opensAt) and records it in the
     * room's audit log, atomically.
     */
    Change change(RoomId room, long operatorId, String action, Map<String, String> fields, Instant now);

    /** The audit entries, oldest first. */
    List<RoomChange> audit(RoomId room);

    /**
     * @param admittedRecently admissions in the configured rate window, for the wait estimate (0 unless waiting)
     * @param activeNow        tokens active now, whose places are not free, for the wait estimate (0 unless waiting)
     */
    record IssueOutcome(QueueToken token, TokenStanding state, boolean newlyIssued, long admittedRecently,
                        long activeNow, boolean openingDue) {
    }

    /** Same meaning of {@code admittedRecently} and {@code activeNow} as in {@link IssueOutcome}. */
    record Lookup(TokenStanding state, RoomId room, long admittedRecently, long activeNow) {
    }

    /** {@code ran}: false when the room's interval had not passed (another instance ran the round). */
    record TickResult(int expired, int admitted, long active, long waiting, long admittedRecently, boolean ran) {
    }

    /** {@code seed}, {@code shuffled}, {@code openedAt}: set once the room is open (by this call or before). */
    record Opening(OpeningOutcome outcome, Long seed, Long shuffled, Instant openedAt) {
    }

    enum OpeningOutcome {
        OPENED, ALREADY_OPEN, NOT_DUE, NOT_SCHEDULED
    }

    /** Live settings are null where configuration applies; opening fields null until the room opened. */
    record RoomSnapshot(long waiting, long activeNow, long admittedLastMinute, long admittedRecently,
                        Instant oldestWaitingIssuedAt, Integer capacity, Long intervalMillis, Long activeTtlMillis,
                        boolean paused, Instant opensAt, Instant openedAt, Long seed, Long shuffled) {
    }

    /** {@code entry}: the audit entry recorded, when applied. */
    record Change(ChangeOutcome outcome, RoomChange entry) {
    }

    enum ChangeOutcome {
        OK, ALREADY_OPEN, ROOM_IN_USE, OPENS_AT_NOT_IN_FUTURE
    }

    enum PaymentExpiry {
        EXPIRED, DUPLICATE, NO_LIVE_TOKEN, TOKEN_NEWER_THAN_PAYMENT
    }
}
