package dev.ticketing.payment.infrastructure.messaging;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.Topics;
import dev.ticketing.payment.application.ApplyReservationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** concert-service's reservation events, in partition (= reservation) order. Event types it does not know are skipped. */
@Component
class ReservationEventsListener {

    private final ApplyReservationEvent applyReservationEvent;

    ReservationEventsListener(ApplyReservationEvent applyReservationEvent) {
        this.applyReservationEvent = applyReservationEvent;
    }

    @KafkaListener(topics = Topics.RESERVATION_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        EventCodec.fromRecord(record).ifPresent(applyReservationEvent::apply);
    }
}
