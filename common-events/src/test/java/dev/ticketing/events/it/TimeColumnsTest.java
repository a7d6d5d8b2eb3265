package dev.ticketing.events.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.events.inbox.EventInbox;
import dev.ticketing.events.it.EventsTestApplication.HoldService;
import dev.ticketing.events.outbox.OutboxRelay;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.NonUtcDefaultTimeZone;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import dev.ticketing.testsupport.TimeColumns;
import java.time.Duration;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and inbox keep their times as UTC DATETIME(6), whatever the JVM's zone (docs/conventions.md, "Time
 * columns"): the class runs in UTC+9, where a time bound or read in the JVM's zone would be nine hours off.
 */
@SpringBootTest
@RealInfrastructure(kafka = true)
@ExtendWith(NonUtcDefaultTimeZone.class)
@Import(TestClockConfiguration.class)
class TimeColumnsTest {

    /** {@link TestClockConfiguration#START} as the UTC wall time a DATETIME(6) column holds. */
    private static final String START_UTC = "2026-03-01 10:00:00.000000";

    @Autowired HoldService holds;
    @Autowired EventInbox inbox;
    @Autowired OutboxRelay relay;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired MutableClock clock;
    @Autowired DataSource dataSource;

    @Test
    void everyTimeColumnOfTheSharedTablesIsDatetime6() {
        assertThat(TimeColumns.count(dataSource)).isEqualTo(3);
        assertThat(TimeColumns.notDatetime6(dataSource)).isEmpty();
    }

    /** New changes to the shared tables go to each service's own migrations ("Time columns"): V0_1 stays alone. */
    @Test
    void commonEventsShipsNoMigrationButItsFirst() throws Exception {
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/events/*");

        assertThat(scripts).extracting(Resource::getFilename).containsExactly("V0_1__outbox_and_inbox.sql");
    }

    @Test
    void theOutboxStoresAndReadsItsTimesAsUtcInANonUtcJvm() {
        assertThat(TimeZone.getDefault()).isEqualTo(NonUtcDefaultTimeZone.ZONE);

        Duration pendingAge = transaction.execute(status -> {
            holds.hold(9001, 1, false);
            clock.advance(Duration.ofMinutes(1));
            try {
                // read inside the writing transaction, before the relay can publish the row
                return relay.oldestPendingAge();
            } finally {
                clock.advance(Duration.ofMinutes(-1));
            }
        });

        assertThat(pendingAge).isEqualTo(Duration.ofMinutes(1));
        assertThat(jdbc.queryForObject("SELECT CAST(created_at AS CHAR) FROM outbox_event WHERE message_key = '9001'",
                String.class)).isEqualTo(START_UTC);
    }

    @Test
    void theInboxStoresItsTimeAsUtcInANonUtcJvm() {
        UUID eventId = UUID.randomUUID();

        Boolean first = transaction.execute(status -> inbox.firstDelivery("time-test", eventId));

        assertThat(first).isTrue();

        assertThat(jdbc.queryForObject("SELECT CAST(processed_at AS CHAR) FROM processed_event WHERE event_id = ?",
                String.class, eventId.toString())).isEqualTo(START_UTC);
    }
}
