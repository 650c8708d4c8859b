package br.ft9.gateway.support;

import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;

import java.time.Duration;

import br.ft9.common.testing.CloudEventSender;
import io.vertx.mutiny.sqlclient.Row;

/** Publishes send commands on ft9.whatsapp.outbound as memory-service or flow-service would, and waits for their outcome. */
public final class Commands {

    public static final String TOPIC = "ft9.whatsapp.outbound";
    public static final String TYPE = "ft9.whatsapp.command.send_message.v1";

    private Commands() {
    }

    public static UUID send(CloudEventSender kafka, UUID orgId, String waId, String origin, String kindAndContent) {
        UUID commandId = UUID.randomUUID();
        send(kafka, commandId, orgId, waId, origin, kindAndContent);
        return commandId;
    }

    /** {@code kindAndContent} is the rest of the command's JSON, e.g. {@code "kind":"text","text":"Olá"}. */
    public static void send(CloudEventSender kafka, UUID commandId, UUID orgId, String waId, String origin, String kindAndContent) {
        kafka.send(TOPIC, orgId + ":" + waId, UUID.randomUUID().toString(), TYPE, "memory-service", orgId.toString(),
                json(commandId, orgId, waId, origin, kindAndContent));
    }

    private static String json(UUID commandId, UUID orgId, String waId, String origin, String kindAndContent) {
        return "{\"commandId\":\"%s\",\"orgId\":\"%s\",\"waId\":\"%s\",\"origin\":\"%s\",%s}"
                .formatted(commandId, orgId, waId, origin, kindAndContent);
    }

    /** Several commands to one contact, published at once (so that the gateway most likely reads them together); their ids. */
    public static List<UUID> sendAtOnce(CloudEventSender kafka, UUID orgId, String waId, String origin, List<String> kindsAndContents) {
        List<UUID> commandIds = kindsAndContents.stream().map(ignored -> UUID.randomUUID()).toList();
        kafka.sendAtOnce(TOPIC, java.util.stream.IntStream.range(0, commandIds.size())
                .mapToObj(i -> event(commandIds.get(i), orgId, waId, origin, kindsAndContents.get(i))).toList());
        return commandIds;
    }

    /** A send command as flow-service publishes it, keyed by its contact, for {@link CloudEventSender#sendAtOnce}. */
    public static CloudEventSender.Event event(UUID commandId, UUID orgId, String waId, String origin, String kindAndContent) {
        return new CloudEventSender.Event(orgId + ":" + waId, UUID.randomUUID().toString(), TYPE, "flow-service",
                orgId.toString(), json(commandId, orgId, waId, origin, kindAndContent));
    }

    public static String text(String text) {
        return "\"kind\":\"text\",\"text\":\"" + text + "\"";
    }

    /** Waits until the command's message reached a final or accepted status; answers its row. */
    public static Row awaitOutcome(UUID commandId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Meta.row("select status, status_reason, wa_message_id, delivery, conversation_id, origin"
                        + " from message where command_id = $1", commandId),
                        row -> row != null && !"queued".equals(row.getString("status")) && !"sending".equals(row.getString("status")));
    }
}
