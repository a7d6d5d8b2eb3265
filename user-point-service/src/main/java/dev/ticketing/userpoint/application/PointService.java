package dev.ticketing.userpoint.application;

import dev.ticketing.support.idempotency.IdempotentRequests;
import dev.ticketing.userpoint.domain.OperationKey;
import dev.ticketing.userpoint.domain.PointLimits;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.TransactionType;
import dev.ticketing.userpoint.domain.UserPointError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges, debits, refunds and reads of point balances.
 *
 * <p>Each change is one short transaction: a conditional UPDATE of the balance row (the database decides, with the
 * row locked, whether the change is allowed), the ledger row, and, under an idempotency key, the stored outcome. A
 * second request with a key that already has an outcome cannot commit its own, rolls back and answers the stored one,
 * so a key is applied once however many times and however concurrently it is sent.
 */
@Service
public class PointService {

    /** A deadlock victim is rolled back whole, so running it again is safe; beyond a few tries something is wrong. */
    private static final int ATTEMPTS_ON_LOCK_CONFLICT = 3;

    /** Refunds give back what was taken; they are never refused for the balance maximum, only kept from overflow. */
    private static final long NO_CEILING = Long.MAX_VALUE;

    private final PointLedger ledger;
    private final PointLimits limits;
    private final Clock clock;
    private final TransactionTemplate writes;
    private final TransactionTemplate reads;
    private final MeterRegistry meters;
    private final IdempotentRequests idempotentRequests;

    public PointService(PointLedger ledger, PointsProperties properties, Clock clock,
            PlatformTransactionManager transactionManager, MeterRegistry meters,
            IdempotentRequests idempotentRequests) {
        this.ledger = ledger;
        this.limits = properties.limits();
        this.clock = clock;
        this.meters = meters;
        this.idempotentRequests = idempotentRequests;
        this.writes = new TransactionTemplate(transactionManager);
        // Read committed: the row lock of the UPDATE is the only serialization needed, and no gap locks are taken
        // that could make unrelated users' operations wait for each other.
        this.writes.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.reads.setReadOnly(true);
    }

    public PointLimits limits() {
        return limits;
    }

    public long balance(long userId) {
        return reads.execute(status -> ledger.balanceOf(userId))
                .orElseThrow(() -> new UserPointError.UserNotFound(userId));
    }

    /**
     * Charges {@code requested} points. Under the request's {@code Idempotency-Key} (service-support's
     * {@link IdempotentRequests}, run by the controller) the outcome, a refusal for the balance maximum included, is
     * stored in the charge's own transaction.
     *
     * @throws UserPointError.AmountNotChargeable when the amount breaks a charge rule (after the user is known to exist,
     *         so an unknown user is always "user not found")
     */
    public PointOutcome charge(long userId, BigDecimal requested) {
        long amount;
        try {
            amount = limits.chargeAmount(requested);
        } catch (UserPointError.AmountNotChargeable refused) {
            balance(userId);
            throw refused;
        }
        return once(TransactionType.CHARGE, null, () -> {
            Instant now = clock.instant();
            PointOutcome outcome = ledger.credit(userId, amount, limits.maxBalance(), now)
                    ? applied(userId, TransactionType.CHARGE, amount, now)
                    : new PointOutcome.BalanceLimitExceeded(userId, amount, existingBalance(userId));
            idempotentRequests.completeWithinTransaction(outcome);
            return outcome;
        });
    }

    /** Takes {@code amount} points for a payment; refused, changing nothing, when the balance is smaller. */
    public PointOutcome debit(long userId, long amount, String idempotencyKey) {
        requirePositive(amount);
        OperationKey key = new OperationKey(userId, TransactionType.DEBIT, idempotencyKey);
        return once(TransactionType.DEBIT, key, () -> {
            Instant now = clock.instant();
            if (ledger.debit(userId, amount, now)) {
                return applied(userId, TransactionType.DEBIT, amount, now);
            }
            return new PointOutcome.InsufficientBalance(userId, amount, existingBalance(userId));
        });
    }

    /** Gives back {@code amount} points of a payment that did not go through. */
    public PointOutcome refund(long userId, long amount, String idempotencyKey) {
        requirePositive(amount);
        if (!limits.refundable(amount)) {
            balance(userId);
            throw new UserPointError.AmountNotChargeable(
                    "a refund gives back at most " + limits.maxBalance() + " points, was " + amount);
        }
        OperationKey key = new OperationKey(userId, TransactionType.REFUND, idempotencyKey);
        return once(TransactionType.REFUND, key, () -> {
            Instant now = clock.instant();
            if (ledger.credit(userId, amount, NO_CEILING, now)) {
                return applied(userId, TransactionType.REFUND, amount, now);
            }
            throw new IllegalStateException("Refund of " + amount + " would overflow the balance of user " + userId
                    + " (" + existingBalance(userId) + ")");
        });
    }

    /** A page of the user's ledger, newest first. */
    public HistoryPage history(long userId, int page, int size) {
        return reads.execute(status -> {
            if (ledger.balanceOf(userId).isEmpty()) {
                throw new UserPointError.UserNotFound(userId);
            }
            return new HistoryPage(ledger.history(userId, (long) page * size, size), page, size,
                    ledger.historySize(userId));
        });
    }

    private PointOutcome once(TransactionType type, OperationKey key, Supplier<PointOutcome> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                PointOutcome outcome = writes.execute(status -> {
                    PointOutcome result = operation.get();
                    if (key != null) {
                        ledger.recordOutcome(key, result, clock.instant());
                    }
                    return result;
                });
                count(type, outcome, "first");
                return outcome;
            } catch (DuplicateKeyException alreadyDecided) {
                // Raised only once the transaction holding this key has committed, so its outcome is readable now.
                PointOutcome earlier = reads.execute(status -> ledger.outcomeOf(key)).orElseThrow(
                        () -> new IllegalStateException("Key " + key + " is taken but has no outcome"));
                count(type, earlier, "replay");
                return earlier;
            } catch (PessimisticLockingFailureException conflict) {
                // A deadlock victim was rolled back at once and may go again; a lock wait timeout already waited
                // long enough, and retrying it would only make the caller wait longer.
                if (conflict instanceof CannotAcquireLockException || attempt == ATTEMPTS_ON_LOCK_CONFLICT) {
                    throw conflict;
                }
            }
        }
    }

    private PointOutcome applied(long userId, TransactionType type, long amount, Instant at) {
        // Our own UPDATE holds the row, so this reads the balance it produced.
        long balanceAfter = existingBalance(userId);
        return new PointOutcome.Applied(ledger.append(userId, type, amount, balanceAfter, at));
    }

    private long existingBalance(long userId) {
        return ledger.balanceOf(userId).orElseThrow(() -> new UserPointError.UserNotFound(userId));
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
    }

    private void count(TransactionType type, PointOutcome outcome, String delivery) {
        Counter.builder("points.operations")
                .description("Point operations by type, outcome and whether it was a replay of an idempotency key")
                .tag("type", type.name())
                .tag("outcome", switch (outcome) {
                    case PointOutcome.Applied applied -> "applied";
                    case PointOutcome.InsufficientBalance refused -> "insufficient_balance";
                    case PointOutcome.BalanceLimitExceeded refused -> "balance_limit_exceeded";
                })
                .tag("delivery", delivery)
                .register(meters)
                .increment();
    }
}
