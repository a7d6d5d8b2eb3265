package dev.ticketing.concert.infrastructure;

import dev.ticketing.concert.application.ConfirmPaidReservation;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * payment-service's events. Only PaymentCompleted concerns this service; a failure is retried and then parked on the
 * dead-letter topic by common-events' error handler.
 */
@Component
class PaymentEventsListener {

    private final ConfirmPaidReservation confirmPaidReservation;

    PaymentEventsListener(ConfirmPaidReservation confirmPaidReservation) {
        this.confirmPaidReservation = confirmPaidReservation;
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS, groupId = "concert-service")
    void on(ConsumerRecord<String, String> record) {
        EventCodec.fromRecord(record).ifPresent(event -> {
            if (event instanceof PaymentCompleted completed) {
                confirmPaidReservation.on(completed);
            }
        });
    }
}
