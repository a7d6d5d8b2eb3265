package dev.ticketing.queue.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.Topics;
import dev.ticketing.queue.CleanRedis;
import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.TokenStanding;
import dev.ticketing.testsupport.MutableClock;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.TestClockConfiguration;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The waiting room as deployed: the scheduler ticking on its own and PaymentCompleted arriving over a real broker.
 * The clock stands still, so nothing here expires by age.
 */
@SpringBootTest(properties = {"ticketing.queue.capacity=1", "ticketing.queue.admission-interval=200ms"})
@RealInfrastructure(database = false, kafka = true)
@Import(TestClockConfiguration.class)
class PaymentCompletedConsumptionTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    RedisQueueStore store;
    @Autowired
    MutableClock clock;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    StringRedisTemplate redis;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @AfterEach
    void emptyWaitingRoom() {
        CleanRedis.deleteKeysUnder(redis, store.keys().prefix());
    }

    @Test
    void paymentExpiresTheTokenAtOnceAndAReplayChangesNothing() throws Exception {
        QueueToken payer = issue(1);
        QueueToken next = issue(2);
        QueueToken other = issue(3);
        await().atMost(PATIENCE).until(() -> state(payer) instanceof TokenStanding.Active);

        PaymentCompleted paid = PaymentCompleted.of(clock, 501, 7001, 1, 9001, 50_000, null);
        publish(paid);

        await().atMost(PATIENCE).until(() -> state(payer).equals(new TokenStanding.Expired(1)));
        // its place goes to the next in line at the next tick
        await().atMost(PATIENCE).until(() -> state(next) instanceof TokenStanding.Active);

        // the user comes back at the same instant; only the event-id record protects this new visit from the replay
        QueueToken newVisit = issue(1);
        publish(paid);
        // same reservation key, so the same partition: once this later event is applied, the replay was handled
        publish(PaymentCompleted.of(clock, 502, 7001, 3, 9002, 50_000, null));
        await().atMost(PATIENCE).until(() -> state(other).equals(new TokenStanding.Expired(3)));

        assertThat(state(newVisit)).isInstanceOfAny(TokenStanding.Waiting.class, TokenStanding.Active.class);
    }

    @Test
    void unreadablePaymentEventIsParkedOnTheDeadLetterTopic() throws Exception {
        String garbage = "{\"not\": \"an event\", \"marker\": \"" + QueueToken.generate(RANDOM).value() + "\"}";
        kafka.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS, "7002", garbage)).get();

        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "queue-dlt-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.PAYMENT_EVENTS)));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> record : KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500))) {
                    if (garbage.equals(record.value())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private void publish(PaymentCompleted event) throws Exception {
        kafka.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS, event.key(), EventCodec.toJson(event))).get();
    }

    private QueueToken issue(long userId) {
        return store.issue(RoomId.DEFAULT, userId, QueueToken.generate(RANDOM), clock.instant()).token();
    }

    private TokenStanding state(QueueToken token) {
        return store.status(token, clock.instant()).state();
    }
}
