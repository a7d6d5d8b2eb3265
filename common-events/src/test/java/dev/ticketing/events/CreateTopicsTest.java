package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.CreateTopics.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The topics the local broker script and the k8s Job create, against a real (in-process KRaft) broker. */
@EmbeddedKafka(count = 1)
class CreateTopicsTest {

    private static final String HOUR_MS = "3600000";

    @Test
    void createsTheMissingTopicsOfTopicsWithTheGivenSettingsAndLeavesExistingOnesAlone(EmbeddedKafkaBroker broker)
            throws Exception {
        Settings settings = Settings.from(Map.of("BOOTSTRAP_SERVERS", broker.getBrokersAsString(),
                "PARTITIONS", "3", "DLT_RETENTION_MS", HOUR_MS));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            // a service that started first declared this one with its own settings
            admin.createTopics(List.of(new NewTopic(Topics.RESERVATION_EVENTS, 1, (short) 1))).all().get();

            assertThat(CreateTopics.createMissing(admin, settings)).containsExactlyInAnyOrder(
                    Topics.PAYMENT_EVENTS, Topics.deadLetterOf(Topics.RESERVATION_EVENTS),
                    Topics.deadLetterOf(Topics.PAYMENT_EVENTS));
            assertThat(CreateTopics.createMissing(admin, settings)).as("a rerun").isEmpty();

            // a new topic's metadata reaches the broker's cache a moment after its creation returned
            Map<String, TopicDescription> topics = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> admin.describeTopics(Topics.ALL).allTopicNames().get(), all -> true);
            assertThat(topics.get(Topics.RESERVATION_EVENTS).partitions()).as("existing, untouched").hasSize(1);
            assertThat(topics.get(Topics.PAYMENT_EVENTS).partitions()).hasSize(3);
            assertThat(topics.get(Topics.deadLetterOf(Topics.PAYMENT_EVENTS)).partitions()).hasSize(3);
            assertThat(config(admin, Topics.deadLetterOf(Topics.PAYMENT_EVENTS), TopicConfig.RETENTION_MS_CONFIG))
                    .isEqualTo(HOUR_MS);
            assertThat(config(admin, Topics.PAYMENT_EVENTS, TopicConfig.RETENTION_MS_CONFIG))
                    .as("events keep the broker's retention").isNotEqualTo(HOUR_MS);
            assertThat(config(admin, Topics.PAYMENT_EVENTS, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).isEqualTo("1");
        }
    }

    @Test
    void everyTopicOfTopicsGetsTheSettingsAndOnlyDeadLettersTheirRetention() {
        Settings settings = new Settings("kafka:9092", 6, (short) 3, 2, 42);

        List<NewTopic> topics = CreateTopics.topics(settings);

        assertThat(topics).extracting(NewTopic::name).containsExactlyElementsOf(Topics.ALL);
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
            assertThat(topic.configs().containsKey(TopicConfig.RETENTION_MS_CONFIG))
                    .isEqualTo(topic.name().endsWith(Topics.DEAD_LETTER_SUFFIX));
        });
    }

    @Test
    void withoutBootstrapServersItRefusesToGuess() {
        assertThatThrownBy(() -> Settings.from(Map.of("PARTITIONS", "6")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BOOTSTRAP_SERVERS");
    }

    private static String config(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(name).value();
    }
}
