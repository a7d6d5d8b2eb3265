package dev.ticketing.concert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final long USER = 7;
    private static final long SEAT = 30;
    private static final long PRICE = 120_000;

    @Test
    void paymentOfTheHolderForAHeldSeatConfirmsIt() {
        assertThat(reservation(ReservationStatus.HELD, null).decideConfirmation(100, USER, SEAT, PRICE))
                .isEqualTo(new ConfirmationDecision.Confirm());
    }

    @Test
    void paymentForAReleasedHoldIsRejectedSoItIsRefunded() {
        assertThat(reservation(ReservationStatus.RELEASED, null).decideConfirmation(100, USER, SEAT, PRICE))
                .isEqualTo(reject(ConfirmationDecision.Reject.HOLD_RELEASED));
    }

    @Test
    void theSamePaymentAgainChangesNothing() {
        assertThat(reservation(ReservationStatus.CONFIRMED, 100L).decideConfirmation(100, USER, SEAT, PRICE))
                .isEqualTo(new ConfirmationDecision.AlreadyConfirmed());
    }

    @Test
    void aSecondPaymentForAConfirmedReservationIsRejected() {
        assertThat(reservation(ReservationStatus.CONFIRMED, 100L).decideConfirmation(101, USER, SEAT, PRICE))
                .isEqualTo(reject(ConfirmationDecision.Reject.ALREADY_CONFIRMED));
    }

    @Test
    void paymentThatDoesNotMatchTheHoldIsRejected() {
        Reservation held = reservation(ReservationStatus.HELD, null);
        assertThat(held.decideConfirmation(100, USER + 1, SEAT, PRICE))
                .isEqualTo(reject(ConfirmationDecision.Reject.NOT_HOLDER));
        assertThat(held.decideConfirmation(100, USER, SEAT + 1, PRICE))
                .isEqualTo(reject(ConfirmationDecision.Reject.SEAT_MISMATCH));
        assertThat(held.decideConfirmation(100, USER, SEAT, PRICE - 1))
                .isEqualTo(reject(ConfirmationDecision.Reject.AMOUNT_MISMATCH));
    }

    @Test
    void onlyItsOwnerSeesIt() {
        Reservation held = reservation(ReservationStatus.HELD, null);
        assertThat(held.ownedBy(USER)).isTrue();
        assertThat(held.ownedBy(USER + 1)).isFalse();
    }

    private static ConfirmationDecision reject(String reason) {
        return new ConfirmationDecision.Reject(reason);
    }

    private static Reservation reservation(ReservationStatus status, Long paymentId) {
        return new Reservation(1, USER, 10, 20, SEAT, 5, PRICE, status, Instant.parse("2027-01-01T12:05:00Z"),
                paymentId);
    }
}
