package dev.ticketing.concert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeatToHoldTest {

    private final SeatToHold seat = new SeatToHold(30, 20, 10, 5, 80_000, Instant.parse("2027-03-13T10:00:00Z"),
            SeatStatus.AVAILABLE);

    @Test
    void belongsOnlyToItsOwnConcertAndDate() {
        assertThat(seat.belongsTo(10, 20)).isTrue();
        assertThat(seat.belongsTo(11, 20)).isFalse();
        assertThat(seat.belongsTo(10, 21)).isFalse();
    }

    @Test
    void canBeHeldOnlyBeforeTheConcertStarts() {
        assertThat(seat.bookableAt(Instant.parse("2027-03-13T09:59:59Z"))).isTrue();
        assertThat(seat.bookableAt(Instant.parse("2027-03-13T10:00:00Z"))).isFalse();
    }
}
