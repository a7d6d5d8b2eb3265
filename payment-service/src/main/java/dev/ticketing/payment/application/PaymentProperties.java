package dev.ticketing.payment.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of payment-service (documented in its README).
 *
 * @param abandonedPaymentAfter   a PENDING payment whose attempt started this long ago lost its requester; a job
 *                                settles it with the attempt's own key
 * @param refundMaxBackOff        the longest wait between two tries of a refund user-point-service did not confirm
 */
@ConfigurationProperties("payment")
public record PaymentProperties(
        @DefaultValue("30s") Duration abandonedPaymentAfter,
        @DefaultValue("1m") Duration refundMaxBackOff) {
}
