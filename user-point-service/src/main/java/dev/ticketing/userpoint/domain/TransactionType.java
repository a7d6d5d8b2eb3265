package dev.ticketing.userpoint.domain;

/** What a ledger row did to the balance. */
public enum TransactionType {
    CHARGE(1),
    DEBIT(-1),
    REFUND(1);

    private final int sign;

    TransactionType(int sign) {
        this.sign = sign;
    }

    /** The row's effect on the balance: the sum of a user's signed amounts is their balance. */
    public long signed(long amount) {
        return sign * amount;
    }
}
