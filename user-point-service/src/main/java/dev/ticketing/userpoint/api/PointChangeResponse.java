package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.domain.PointTransaction;

/** {@code balance} is the balance right after this debit or refund. */
public record PointChangeResponse(long transactionId, long userId, long amount, long balance) {

    static PointChangeResponse of(PointTransaction transaction) {
        return new PointChangeResponse(transaction.id(), transaction.userId(), transaction.amount(),
                transaction.balanceAfter());
    }
}
