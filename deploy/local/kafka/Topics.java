import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the platform's topics on the local broker, before any service sends, with the broker's own partition count:
 * a topic made by a first send races its partitions' leader election, and an idempotent producer caught in that race
 * can be refused (OUT_OF_ORDER_SEQUENCE_NUMBER) for as long as it retries. Topics that exist are left as they are.
 * Usage: java -cp "<kafka libs>/*" Topics.java <bootstrap> <partitions> <topic>...
 */
public class Topics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        List<String> wanted = List.of(args).subList(2, args.length);
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t)).distinct()
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            // Every partition has its leader before a service sends.
            admin.describeTopics(wanted).allTopicNames().get(60, TimeUnit.SECONDS);
            System.out.println("created " + missing.size() + " of " + wanted.size() + " topics: "
                    + missing.stream().map(NewTopic::name).collect(Collectors.joining(" ")));
        }
    }
}
