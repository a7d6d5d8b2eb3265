import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates each topic and its dead-letter topic if missing. Run as a single-file program: java CreateTopics.java. */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        List<String> wanted = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            wanted.add(args[i]);
            wanted.add(args[i] + ".dlt");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("Topics ready: " + String.join(", ", wanted)
                    + (missing.isEmpty() ? " (all existed)" : " (created " + missing.size() + ")"));
        }
    }
}
