package dev.ticketing.userpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointLimitsTest {

    private final PointLimits limits = new PointLimits(1_000, 100_000);

    @Test
    void chargesAWholePositiveAmountUpToThePerChargeLimit() {
        assertThat(limits.chargeAmount(new BigDecimal("1"))).isEqualTo(1);
        assertThat(limits.chargeAmount(new BigDecimal("1000"))).isEqualTo(1_000);
    }

    @Test
    void acceptsAWholeNumberWrittenWithZeroDecimals() {
        assertThat(limits.chargeAmount(new BigDecimal("250.00"))).isEqualTo(250);
        assertThat(limits.chargeAmount(new BigDecimal("1E+2"))).isEqualTo(100);
    }

    @Test
    void refusesAMissingAmount() {
        assertThatThrownBy(() -> limits.chargeAmount(null))
                .isInstanceOf(UserPointError.AmountNotChargeable.class)
                .hasMessage("amount is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0.5", "-1000000"})
    void refusesZeroAndNegativeAmounts(String amount) {
        assertThatThrownBy(() -> limits.chargeAmount(new BigDecimal(amount)))
                .isInstanceOf(UserPointError.AmountNotChargeable.class)
                .hasMessageStartingWith("amount must be positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "0.1", "999.999", "10.0000000000000000001"})
    void refusesFractionalAmountsInsteadOfTruncatingThem(String amount) {
        assertThatThrownBy(() -> limits.chargeAmount(new BigDecimal(amount)))
                .isInstanceOf(UserPointError.AmountNotChargeable.class)
                .hasMessageStartingWith("amount must be a whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1001", "99999999999999999999999", "1.001E+3"})
    void refusesAmountsOverThePerChargeLimit(String amount) {
        assertThatThrownBy(() -> limits.chargeAmount(new BigDecimal(amount)))
                .isInstanceOf(UserPointError.AmountNotChargeable.class)
                .hasMessageStartingWith("amount must be at most 1000 per charge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "1e10000000"})
    void aRefusalOfAnAmountWithAHugeExponentIsShortAndQuick(String amount) {
        assertThatThrownBy(() -> limits.chargeAmount(new BigDecimal(amount)))
                .isInstanceOf(UserPointError.AmountNotChargeable.class)
                .satisfies(refusal -> assertThat(refusal.getMessage()).hasSizeLessThan(100));
    }

    @Test
    void refundsAtMostWhatABalanceMayHold() {
        assertThat(limits.refundable(100_000)).isTrue();
        assertThat(limits.refundable(100_001)).isFalse();
        assertThat(limits.refundable(0)).isFalse();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new PointLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PointLimits(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
