package dev.ticketing.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReservationViewTest {

    private static final Instant EXPIRY = Instant.parse("2026-11-25T10:05:00Z");
    private static final Instant BEFORE_EXPIRY = EXPIRY.minusSeconds(1);

    private final ReservationView held = ReservationView.held(7, 1, 70, 50_000, EXPIRY);

    @Test
    void holderMayPayBeforeTheHoldExpires() {
        assertThatCode(() -> held.requirePayableBy(1, BEFORE_EXPIRY)).doesNotThrowAnyException();
    }

    @Test
    void holdIsExpiredAtItsExpiryInstant() {
        assertThatThrownBy(() -> held.requirePayableBy(1, EXPIRY)).isInstanceOf(PaymentError.HoldExpired.class);
    }

    @Test
    void anotherUserIsToldItIsNotTheirHoldEvenAfterExpiry() {
        assertThatThrownBy(() -> held.requirePayableBy(2, EXPIRY.plusSeconds(60)))
                .isInstanceOf(PaymentError.NotYourHold.class);
    }

    @Test
    void releasedHoldCannotBePaid() {
        assertThatThrownBy(() -> held.onReleased().requirePayableBy(1, BEFORE_EXPIRY))
                .isInstanceOf(PaymentError.HoldExpired.class);
    }

    @Test
    void confirmedReservationCannotBePaidAgain() {
        assertThatThrownBy(() -> held.onConfirmed().requirePayableBy(1, BEFORE_EXPIRY))
                .isInstanceOf(PaymentError.HoldExpired.class);
    }

    @Test
    void lateSeatReservedDoesNotReviveAReleaseThatOvertookIt() {
        ReservationView view = ReservationView.releasedBeforeHeld(7, 1, 70).onReserved(50_000, EXPIRY);

        assertThat(view.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(view.price()).isEqualTo(50_000);
        assertThatThrownBy(() -> view.requirePayableBy(1, BEFORE_EXPIRY)).isInstanceOf(PaymentError.HoldExpired.class);
    }

    @Test
    void redeliveredSeatReservedChangesNothing() {
        assertThat(held.onReserved(99, EXPIRY.plusSeconds(600))).isEqualTo(held);
    }

    @Test
    void saleIsFinalEvenIfAReleaseFollows() {
        assertThat(held.onConfirmed().onReleased().status()).isEqualTo(ReservationStatus.CONFIRMED);
    }

    @Test
    void releaseIsIdempotent() {
        assertThat(held.onReleased().onReleased()).isEqualTo(held.onReleased());
    }

    @Test
    void reservationKnownOnlyFromItsReleaseIsNeverPayable() {
        ReservationView releasedOnly = ReservationView.releasedBeforeHeld(7, 1, 70);

        assertThatThrownBy(() -> releasedOnly.requirePayableBy(1, BEFORE_EXPIRY))
                .isInstanceOf(PaymentError.HoldExpired.class);
    }
}
