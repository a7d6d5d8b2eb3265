package dev.ticketing.payment.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.kafka.annotation.KafkaListener;

/** Everything payment-service publishes, as another service would receive it: read back from Kafka, own group. */
public class PaymentEventsRecorder {

    private final List<DomainEvent> received = new CopyOnWriteArrayList<>();

    @KafkaListener(topics = Topics.PAYMENT_EVENTS, groupId = "payment-events-recorder-${random.uuid}")
    void record(ConsumerRecord<String, String> record) {
        DomainEvent event = EventCodec.fromJson(record.value()).orElseThrow();
        assertThat(record.key()).isEqualTo(event.key());
        received.add(event);
    }

    public <T extends DomainEvent> List<T> of(Class<T> type, long reservationId) {
        return received.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> event.reservationId() == reservationId)
                .toList();
    }

    /** Waits for the first event of this type about this reservation. */
    public <T extends DomainEvent> T await(Class<T> type, long reservationId, Duration timeout) {
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> of(type, reservationId), found -> !found.isEmpty()).getFirst();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No " + type.getSimpleName() + " for reservation " + reservationId + " within "
                    + timeout + "; received " + received, e);
        }
    }
}
