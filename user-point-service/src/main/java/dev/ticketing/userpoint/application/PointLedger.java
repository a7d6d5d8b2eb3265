package dev.ticketing.userpoint.application;

import dev.ticketing.userpoint.domain.OperationKey;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.PointTransaction;
import dev.ticketing.userpoint.domain.TransactionType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Balances, their ledger and the outcomes of idempotency keys. The changing methods must run inside the caller's
 * transaction: a balance change and its ledger row commit together or not at all.
 */
public interface PointLedger {

    /** The balance as of now, or empty when the user has none (unknown user). */
    OptionalLong balanceOf(long userId);

    /**
     * Adds {@code amount} unless the balance would exceed {@code ceiling}, atomically. False when nothing changed
     * (over the ceiling, or no such user).
     */
    boolean credit(long userId, long amount, long ceiling, Instant at);

    /** Takes {@code amount} unless the balance is smaller, atomically. False when nothing changed. */
    boolean debit(long userId, long amount, Instant at);

    PointTransaction append(long userId, TransactionType type, long amount, long balanceAfter, Instant at);

    /**
     * Stores the outcome of a keyed operation.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the key already has an outcome; the caller's
     *         transaction must then roll back
     */
    void recordOutcome(OperationKey key, PointOutcome outcome, Instant at);

    Optional<PointOutcome> outcomeOf(OperationKey key);

    /** A user's ledger, newest first. */
    List<PointTransaction> history(long userId, long offset, int limit);

    long historySize(long userId);
}
