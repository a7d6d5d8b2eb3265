package dev.ticketing.events.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.it.EventsTestApplication.HoldService;
import dev.ticketing.events.outbox.OutboxRelay;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.KafkaBrokerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker goes away while the service keeps committing: nothing is lost, nothing is applied twice, and each
 * reservation's events are applied in the order they were committed once the broker is back.
 */
@SpringBootTest
@RealInfrastructure
class OutboxBrokerOutageTest {

    private static final KafkaBrokerProcess broker = KafkaBrokerProcess.start();

    @Autowired HoldService holds;
    @Autowired OutboxRelay relay;
    @Autowired JdbcTemplate jdbc;
    @Autowired AppliedEventsListener listener;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("spring.kafka.consumer.properties.reconnect.backoff.max.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.reconnect.backoff.max.ms", () -> "1000");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void eventsCommittedWhileTheBrokerIsDownArriveOnceAndInOrderWhenItReturns() {
        listener.applied(holds.hold(1, 0, false).eventId()).orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .join();

        broker.stop();
        int keys = 5;
        int perKey = 20;
        for (int seq = 1; seq <= perKey; seq++) {
            for (long reservation = 10; reservation < 10 + keys; reservation++) {
                holds.hold(reservation, seq, false); // the service keeps serving: commits do not wait for Kafka
            }
        }
        assertThat(relay.backlog()).isEqualTo(keys * perKey);
        assertThat(relay.oldestPendingAge()).isPositive();

        broker.restart();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM applied_event WHERE reservation_id >= 10",
                        Long.class) == keys * perKey);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog() == 0);
        assertThat(relay.oldestPendingAge()).isZero();
        List<Map<String, Object>> applied = jdbc.queryForList(
                "SELECT reservation_id, seq, event_id FROM applied_event WHERE reservation_id >= 10 ORDER BY id");
        assertThat(applied.stream().map(row -> row.get("event_id")).distinct()).hasSize(keys * perKey);
        Map<Object, List<Integer>> seqPerReservation = applied.stream().collect(Collectors.groupingBy(
                row -> row.get("reservation_id"), Collectors.mapping(row -> ((Number) row.get("seq")).intValue(),
                        Collectors.toList())));
        assertThat(seqPerReservation).hasSize(keys);
        seqPerReservation.values().forEach(seqs -> assertThat(seqs).isSorted().hasSize(perKey));
    }
}
