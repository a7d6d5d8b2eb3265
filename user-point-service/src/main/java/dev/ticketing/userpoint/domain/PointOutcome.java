package dev.ticketing.userpoint.domain;

/**
 * What became of a charge, debit or refund. A refusal is an outcome, not an exception, because under an idempotency
 * key it is stored and answered again exactly like a success.
 */
public sealed interface PointOutcome {

    long userId();

    long amount();

    /** The balance changed and the ledger has {@code transaction}. */
    record Applied(PointTransaction transaction) implements PointOutcome {

        @Override
        public long userId() {
            return transaction.userId();
        }

        @Override
        public long amount() {
            return transaction.amount();
        }
    }

    /** A debit larger than the balance: nothing changed. */
    record InsufficientBalance(long userId, long amount, long balance) implements PointOutcome {
    }

    /** A charge that would take the balance over the configured maximum: nothing changed. */
    record BalanceLimitExceeded(long userId, long amount, long balance) implements PointOutcome {
    }
}
