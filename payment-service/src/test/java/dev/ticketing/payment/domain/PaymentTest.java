package dev.ticketing.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static Payment payment(int attempt, PaymentStatus status) {
        return new Payment(12, 7, 1, 70, 50_000, status, attempt, NOW, NOW, null, null);
    }

    @Test
    void debitKeyIsStableForAnAttemptSoARetryNeverDebitsTwice() {
        assertThat(payment(1, PaymentStatus.PENDING).debitKey()).isEqualTo(payment(1, PaymentStatus.FAILED).debitKey())
                .isEqualTo("payment-12-1");
    }

    @Test
    void newAttemptAfterARefusalHasANewDebitKey() {
        assertThat(payment(2, PaymentStatus.PENDING).debitKey()).isNotEqualTo(payment(1, PaymentStatus.PENDING)
                .debitKey());
    }

    @Test
    void sagaRefundKeyIsTheSameWhateverTheAttempt() {
        assertThat(payment(1, PaymentStatus.COMPLETED).refundKey()).isEqualTo(payment(3, PaymentStatus.COMPLETED)
                .refundKey()).isEqualTo("refund-12");
    }

    @Test
    void supersededDebitRefundKeyDiffersFromTheSagaRefundKey() {
        assertThat(Payment.supersededDebitRefundKey(12, 1)).isNotEqualTo(payment(1, PaymentStatus.COMPLETED)
                .refundKey());
    }

    @Test
    void onlyDebitedPaymentsCountAsPaid() {
        assertThat(PaymentStatus.COMPLETED.isPaid()).isTrue();
        assertThat(PaymentStatus.REFUND_PENDING.isPaid()).isTrue();
        assertThat(PaymentStatus.REFUNDED.isPaid()).isTrue();
        assertThat(PaymentStatus.PENDING.isPaid()).isFalse();
        assertThat(PaymentStatus.FAILED.isPaid()).isFalse();
    }

    @Test
    void paymentIsForAPositiveAmount() {
        assertThatThrownBy(() -> new Payment(12, 7, 1, 70, 0, PaymentStatus.PENDING, 1, NOW, NOW, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refundBackOffDoublesUpToItsCap() {
        Duration cap = Duration.ofMinutes(1);
        assertThat(Refund.backOffAfter(1, cap)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Refund.backOffAfter(2, cap)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Refund.backOffAfter(4, cap)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Refund.backOffAfter(50, cap)).isEqualTo(cap);
    }
}
