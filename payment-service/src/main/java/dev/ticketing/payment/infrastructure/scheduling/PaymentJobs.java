package dev.ticketing.payment.infrastructure.scheduling;

import dev.ticketing.payment.application.PayForReservation;
import dev.ticketing.payment.application.PaymentProperties;
import dev.ticketing.payment.application.PaymentRepository;
import dev.ticketing.payment.application.RefundPoints;
import dev.ticketing.payment.domain.Payment;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background work that makes money movements converge without anyone waiting: refunds are retried until done, and
 * payments whose requester went away mid-debit are settled. Safe on several instances at once: every call carries
 * its idempotency key and every state change is conditional.
 */
@Component
class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);
    private static final int BATCH = 50;

    private final RefundPoints refundPoints;
    private final PayForReservation payForReservation;
    private final PaymentRepository payments;
    private final PaymentProperties properties;
    private final Clock clock;

    PaymentJobs(RefundPoints refundPoints, PayForReservation payForReservation, PaymentRepository payments,
            PaymentProperties properties, Clock clock) {
        this.refundPoints = refundPoints;
        this.payForReservation = payForReservation;
        this.payments = payments;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${payment.jobs.refund-interval:1s}")
    void retryRefunds() {
        try {
            refundPoints.refundDue();
        } catch (RuntimeException e) {
            log.warn("Refund pass failed; next pass retries: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${payment.jobs.abandoned-payment-interval:10s}")
    void settleAbandonedPayments() {
        try {
            for (Payment payment : payments.findPendingAttemptedBefore(
                    clock.instant().minus(properties.abandonedPaymentAfter()), BATCH)) {
                payForReservation.settleAbandoned(payment);
            }
        } catch (RuntimeException e) {
            log.warn("Pass over abandoned payments failed; next pass retries: {}", e.toString());
        }
    }
}
