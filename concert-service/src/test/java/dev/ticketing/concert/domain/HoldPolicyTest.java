package dev.ticketing.concert.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldPolicyTest {

    private final HoldPolicy policy = new HoldPolicy(Duration.ofMinutes(5), 4);

    @Test
    void holdsSeatForFiveMinutes() {
        Instant now = Instant.parse("2027-01-01T12:00:00Z");
        assertThat(policy.expiryOfHoldMadeAt(now)).isEqualTo(Instant.parse("2027-01-01T12:05:00Z"));
    }

    @Test
    void aUserBelowTheLimitMayHoldOneMore() {
        assertThatCode(() -> policy.checkRoomForOneMoreHold(7, 3)).doesNotThrowAnyException();
    }

    @Test
    void aUserAtTheLimitIsRefused() {
        assertThatThrownBy(() -> policy.checkRoomForOneMoreHold(7, 4))
                .isInstanceOf(ConcertException.HoldLimitReached.class)
                .hasMessageContaining("4 seats");
    }

    @Test
    void nonsensicalSettingsAreRejectedAtStartup() {
        assertThatThrownBy(() -> new HoldPolicy(Duration.ZERO, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoldPolicy(Duration.ofMinutes(-1), 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoldPolicy(Duration.ofMinutes(5), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupMustFitUnderTheLimitOfSeatsHeldAtOnce() {
        assertThatCode(() -> policy.checkRoomForMoreHeldSeats(7, 1, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkRoomForMoreHeldSeats(7, 2, 3))
                .isInstanceOf(ConcertException.HoldLimitReached.class)
                .hasMessageContaining("3 more would exceed the 4");
    }

    @Test
    void heldAndSoldSeatsOfADateCountTogetherTowardsThePurchaseLimit() {
        HoldPolicy twoPerDate = new HoldPolicy(Duration.ofMinutes(5), 4, 2);

        assertThatCode(() -> twoPerDate.checkPurchaseLimit(3, 1, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> twoPerDate.checkPurchaseLimit(3, 1, 2))
                .isInstanceOf(ConcertException.PurchaseLimitReached.class)
                .hasMessageContaining("you have 1 and asked for 2 more");
        assertThat(twoPerDate.maxSeatsPerRequest()).isEqualTo(2);
        assertThatThrownBy(() -> new HoldPolicy(Duration.ofMinutes(5), 4, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
