package dev.ticketing.userpoint.domain;

import java.time.Instant;

/** One applied change of a balance, as the ledger keeps it. */
public record PointTransaction(long id, long userId, TransactionType type, long amount, long balanceAfter,
        Instant createdAt) {
}
