package dev.ticketing.userpoint.infrastructure.persistence;

import dev.ticketing.userpoint.application.PointLedger;
import dev.ticketing.userpoint.domain.OperationKey;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.PointTransaction;
import dev.ticketing.userpoint.domain.TransactionType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Repository;

/** The ledger on Spring Data JPA. The WHERE clauses of {@link PointBalanceRepository} are the concurrency rules. */
@Repository
class JpaPointLedger implements PointLedger {

    private static final String APPLIED = "APPLIED";
    private static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    private static final String BALANCE_LIMIT_EXCEEDED = "BALANCE_LIMIT_EXCEEDED";

    private final PointBalanceRepository balances;
    private final PointTransactionRepository transactions;
    private final PointOperationRepository operations;

    JpaPointLedger(PointBalanceRepository balances, PointTransactionRepository transactions,
            PointOperationRepository operations) {
        this.balances = balances;
        this.transactions = transactions;
        this.operations = operations;
    }

    @Override
    public OptionalLong balanceOf(long userId) {
        return balances.balanceOf(userId).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public boolean credit(long userId, long amount, long ceiling, Instant at) {
        return balances.credit(userId, amount, ceiling, at) == 1;
    }

    @Override
    public boolean debit(long userId, long amount, Instant at) {
        return balances.debit(userId, amount, at) == 1;
    }

    @Override
    public PointTransaction append(long userId, TransactionType type, long amount, long balanceAfter, Instant at) {
        PointTransactionEntity row = transactions.save(
                new PointTransactionEntity(userId, type, amount, balanceAfter, at));
        return new PointTransaction(row.id(), userId, type, amount, balanceAfter, at);
    }

    @Override
    public void recordOutcome(OperationKey key, PointOutcome outcome, Instant at) {
        Long transactionId = null;
        Long balanceSeen = null;
        String kind = switch (outcome) {
            case PointOutcome.Applied applied -> {
                transactionId = applied.transaction().id();
                yield APPLIED;
            }
            case PointOutcome.InsufficientBalance refused -> {
                balanceSeen = refused.balance();
                yield INSUFFICIENT_BALANCE;
            }
            case PointOutcome.BalanceLimitExceeded refused -> {
                balanceSeen = refused.balance();
                yield BALANCE_LIMIT_EXCEEDED;
            }
        };
        operations.insert(key.userId(), key.type().name(), key.key(), kind, outcome.amount(), transactionId,
                balanceSeen, at);
    }

    @Override
    public Optional<PointOutcome> outcomeOf(OperationKey key) {
        return operations.find(key.userId(), key.type(), key.key()).map(stored -> outcome(key, stored));
    }

    private static PointOutcome outcome(OperationKey key, PointOperationRepository.StoredOutcome stored) {
        return switch (stored.getOutcome()) {
            case APPLIED -> new PointOutcome.Applied(new PointTransaction(stored.getTransactionId(), key.userId(),
                    stored.getTransactionType(), stored.getTransactionAmount(), stored.getBalanceAfter(),
                    stored.getTransactionCreatedAt()));
            case INSUFFICIENT_BALANCE -> new PointOutcome.InsufficientBalance(key.userId(), stored.getAmount(),
                    stored.getBalanceSeen());
            case BALANCE_LIMIT_EXCEEDED -> new PointOutcome.BalanceLimitExceeded(key.userId(), stored.getAmount(),
                    stored.getBalanceSeen());
            default -> throw new IllegalStateException("Unknown stored outcome " + stored.getOutcome());
        };
    }

    @Override
    public List<PointTransaction> history(long userId, long offset, int limit) {
        return transactions.history(userId, offset, limit);
    }

    @Override
    public long historySize(long userId) {
        return transactions.countByUserId(userId);
    }
}
