package dev.ticketing.events;

import java.util.List;

/**
 * Topic names, defined once. Each topic carries the events of one producer; every message is keyed by reservation id
 * so that the events of one reservation stay in order on one partition. Documented in common-events/README.md.
 */
public final class Topics {

    /** Produced by concert-service: SeatReserved, SeatReleased, ReservationConfirmed, ReservationConfirmationFailed. */
    public static final String RESERVATION_EVENTS = "ticketing.reservation-events";

    /** Produced by payment-service: PaymentCompleted, PaymentRefunded. */
    public static final String PAYMENT_EVENTS = "ticketing.payment-events";

    /** Where a consumer parks a message it could not process after its retries. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final List<String> ALL = List.of(
            RESERVATION_EVENTS, PAYMENT_EVENTS,
            RESERVATION_EVENTS + DEAD_LETTER_SUFFIX, PAYMENT_EVENTS + DEAD_LETTER_SUFFIX);

    private Topics() {
    }

    public static String of(DomainEvent event) {
        return switch (event) {
            case SeatReserved e -> RESERVATION_EVENTS;
            case SeatReleased e -> RESERVATION_EVENTS;
            case ReservationConfirmed e -> RESERVATION_EVENTS;
            case ReservationConfirmationFailed e -> RESERVATION_EVENTS;
            case PaymentCompleted e -> PAYMENT_EVENTS;
            case PaymentRefunded e -> PAYMENT_EVENTS;
        };
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
