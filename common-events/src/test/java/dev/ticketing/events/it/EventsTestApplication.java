package dev.ticketing.events.it;

import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.outbox.EventOutbox;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A minimal service using common-events the way the real services do: a state change and its event, one commit. */
@SpringBootApplication
public class EventsTestApplication {

    @Service
    public static class HoldService {

        private final JdbcTemplate jdbc;
        private final EventOutbox outbox;
        private final java.time.Clock clock;

        HoldService(JdbcTemplate jdbc, EventOutbox outbox, java.time.Clock clock) {
            this.jdbc = jdbc;
            this.outbox = outbox;
            this.clock = clock;
        }

        /** Holds "seat number {@code seq}" of a reservation and announces it; {@code fail} rolls everything back. */
        @Transactional
        public SeatReserved hold(long reservationId, int seq, boolean fail) {
            jdbc.update("INSERT INTO test_hold (reservation_id, seq) VALUES (?, ?)", reservationId, seq);
            SeatReserved event = SeatReserved.of(clock, reservationId, 7, 1, 1, 100 + seq, seq, 50_000,
                    clock.instant().plusSeconds(300));
            outbox.add(event);
            if (fail) {
                throw new IllegalStateException("business rule failed after the event was added");
            }
            return event;
        }
    }
}
