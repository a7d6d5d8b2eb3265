package dev.ticketing.payment.support;

import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.EventHeaders;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.Topics;
import dev.ticketing.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes concert-service's events the way concert-service does: JSON from EventCodec, keyed by reservation. */
public class ReservationEventsPublisher {

    private static final AtomicLong RESERVATION_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private final KafkaTemplate<String, String> kafka;
    private final MutableClock clock;

    ReservationEventsPublisher(KafkaTemplate<String, String> kafka, MutableClock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** A reservation id no other test used. */
    public long newReservationId() {
        return RESERVATION_IDS.incrementAndGet();
    }

    /** A hold for {@code userId} of a seat at {@code price}, valid for five minutes of the application's clock. */
    public SeatReserved seatReserved(long reservationId, long userId, long price) {
        return SeatReserved.of(clock, reservationId, userId, 1, 10, reservationId + 500_000, 7, price,
                clock.instant().plus(Duration.ofMinutes(5)));
    }

    public SeatReleased seatReleased(long reservationId, long userId) {
        return SeatReleased.of(clock, reservationId, userId, 10, reservationId + 500_000, SeatReleased.Reason.EXPIRED);
    }

    public ReservationConfirmationFailed confirmationFailed(long reservationId, long paymentId, long userId) {
        return ReservationConfirmationFailed.of(clock, reservationId, paymentId, userId, "HOLD_RELEASED");
    }

    public void publish(DomainEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RESERVATION_EVENTS, event.key(),
                EventCodec.toJson(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + event, e);
        }
    }
}
