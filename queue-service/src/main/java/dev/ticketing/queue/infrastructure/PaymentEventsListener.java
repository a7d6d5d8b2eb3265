package dev.ticketing.queue.infrastructure;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.Topics;
import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.application.QueueStore;
import dev.ticketing.queue.domain.RoomId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A user who paid is done with the room of the paid reservation's concert: their token there is expired at once so
 * the next user gets the place (their places in other rooms stay).
 * Idempotent in Redis (see expire_on_payment.lua); an unreadable payload goes to the dead-letter topic via
 * common-events' error handler, and a Redis outage is retried there, then parked (the token then simply lives out
 * its lifetime).
 */
@Component
public class PaymentEventsListener {

    static final String GROUP = "queue-service";

    private static final Logger log = LoggerFactory.getLogger(PaymentEventsListener.class);

    private final QueueService queue;

    public PaymentEventsListener(QueueService queue) {
        this.queue = queue;
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS, groupId = GROUP,
            autoStartup = "${ticketing.queue.consume-payment-events:true}")
    public void onPaymentEvent(ConsumerRecord<String, String> record) {
        EventCodec.fromRecord(record).ifPresent(event -> {
            if (event instanceof PaymentCompleted paid) {
                // events of payment-service versions before 1.1 carry no concert: they are of the default room's time
                RoomId room = paid.concertId() == null ? RoomId.DEFAULT : RoomId.ofConcert(paid.concertId());
                QueueStore.PaymentExpiry outcome = queue.expireOnPayment(paid.eventId(), room, paid.userId(),
                        paid.occurredAt());
                log.info("PaymentCompleted {} for user {} in room {}: {}", paid.eventId(), paid.userId(), room,
                        outcome);
            }
        });
    }
}
