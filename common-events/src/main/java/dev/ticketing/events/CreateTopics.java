package dev.ticketing.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of {@link Topics#ALL} that are missing, so the local broker script and the k8s topics Job take
 * the list from here instead of keeping copies. Topics that exist are left as they are: reruns, and a service that
 * declared the same names at start-up (KafkaAdmin) first, change nothing. Dead-letter topics keep their records
 * longer, so that ops can inspect and replay them.
 * <p>
 * Run with only kafka-clients (and an SLF4J binding) next to this jar, from the environment:
 * {@code BOOTSTRAP_SERVERS} (required), {@code PARTITIONS} (6), {@code REPLICATION_FACTOR} (1),
 * {@code MIN_INSYNC_REPLICAS} (1), {@code DLT_RETENTION_MS} (14 days).
 */
public final class CreateTopics {

    public record Settings(String bootstrapServers, int partitions, short replicationFactor, int minInsyncReplicas,
            long deadLetterRetentionMs) {

        static Settings from(Map<String, String> environment) {
            String bootstrap = environment.get("BOOTSTRAP_SERVERS");
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException("BOOTSTRAP_SERVERS is not set");
            }
            return new Settings(bootstrap,
                    Integer.parseInt(environment.getOrDefault("PARTITIONS", "6")),
                    Short.parseShort(environment.getOrDefault("REPLICATION_FACTOR", "1")),
                    Integer.parseInt(environment.getOrDefault("MIN_INSYNC_REPLICAS", "1")),
                    Long.parseLong(environment.getOrDefault("DLT_RETENTION_MS",
                            Long.toString(Duration.ofDays(14).toMillis()))));
        }
    }

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.from(System.getenv());
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            List<String> created = createMissing(admin, settings);
            // the command's answer, for the script or the Job's log
            System.out.println("Topics ready: " + String.join(", ", Topics.ALL)
                    + (created.isEmpty() ? " (all existed)" : " (created " + String.join(", ", created) + ")"));
        }
    }

    /** Every topic with these settings, as the Job and the local broker want them. */
    public static List<NewTopic> topics(Settings settings) {
        return Topics.ALL.stream().map(name -> {
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
            if (name.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.deadLetterRetentionMs()));
            }
            return new NewTopic(name, settings.partitions(), settings.replicationFactor()).configs(configs);
        }).toList();
    }

    /** Creates the missing topics; the names it created. */
    public static List<String> createMissing(Admin admin, Settings settings)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = topics(settings).stream().filter(topic -> !existing.contains(topic.name())).toList();
        List<String> created = new ArrayList<>();
        for (var result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get();
                created.add(result.getKey());
            } catch (ExecutionException e) {
                // a service starting meanwhile declared it first: it exists, which is all this asks
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }
}
