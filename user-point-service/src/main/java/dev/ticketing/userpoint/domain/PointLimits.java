package dev.ticketing.userpoint.domain;

import java.math.BigDecimal;

/**
 * The amount rules of charging: a positive whole number of points, at most {@code maxCharge} at once, and never
 * taking a balance over {@code maxBalance}. The balance rule is also enforced by the conditional UPDATE that applies
 * the charge, because only the database knows the balance at that instant.
 */
public record PointLimits(long maxCharge, long maxBalance) {

    public PointLimits {
        if (maxCharge <= 0 || maxBalance <= 0) {
            throw new IllegalArgumentException("Point limits must be positive: maxCharge=" + maxCharge
                    + ", maxBalance=" + maxBalance);
        }
    }

    /**
     * The amount to charge, if {@code requested} is one. It arrives as a decimal so that a fractional value is refused
     * here, in words, instead of being silently truncated by a JSON library.
     *
     * @throws UserPointError.AmountNotChargeable with the reason
     */
    public long chargeAmount(BigDecimal requested) {
        if (requested == null) {
            throw new UserPointError.AmountNotChargeable("amount is required");
        }
        if (requested.signum() <= 0) {
            throw new UserPointError.AmountNotChargeable("amount must be positive, was " + shown(requested));
        }
        if (requested.stripTrailingZeros().scale() > 0) {
            throw new UserPointError.AmountNotChargeable(
                    "amount must be a whole number of points, was " + shown(requested));
        }
        if (requested.compareTo(BigDecimal.valueOf(maxCharge)) > 0) {
            throw new UserPointError.AmountNotChargeable(
                    "amount must be at most " + maxCharge + " per charge, was " + shown(requested));
        }
        return requested.longValueExact();
    }

    /**
     * The requested amount as a refusal may quote it: plain while it is a modest number, else in scientific notation
     * and cut, so that no amount can make a message large ({@code toPlainString()} of 1e999999999 fills the heap).
     */
    static String shown(BigDecimal requested) {
        boolean modest = requested.scale() >= 0 && requested.scale() <= 20
                && requested.precision() - requested.scale() <= 20;
        String text = modest ? requested.toPlainString() : requested.toString();
        return text.length() <= 40 ? text : text.substring(0, 39) + "\u2026";
    }

    /** Whether {@code amount} could ever be credited: no refund can give back more than a balance may hold. */
    public boolean refundable(long amount) {
        return amount > 0 && amount <= maxBalance;
    }
}
