package dev.ticketing.userpoint.api;

import dev.ticketing.userpoint.domain.PointTransaction;

/** {@code balance} is the balance right after this charge. */
public record ChargeResponse(long userId, long balance, long amount, long transactionId) {

    static ChargeResponse of(PointTransaction transaction) {
        return new ChargeResponse(transaction.userId(), transaction.balanceAfter(), transaction.amount(),
                transaction.id());
    }
}
