package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentError;
import org.springframework.stereotype.Service;

@Service
public class PaymentQueries {

    private final PaymentRepository payments;

    public PaymentQueries(PaymentRepository payments) {
        this.payments = payments;
    }

    /** Someone else's payment is answered as not found: its existence is none of the caller's business. */
    public Payment paymentOf(long userId, long paymentId) {
        return payments.findById(paymentId)
                .filter(payment -> payment.ownedBy(userId))
                .orElseThrow(() -> new PaymentError.PaymentNotFound(paymentId));
    }
}
