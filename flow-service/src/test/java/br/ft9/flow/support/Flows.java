package br.ft9.flow.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.Sql;
import br.ft9.common.testing.TestTokens;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Test helpers: the organisation's people on the API, and whatsapp-gateway's events on the real broker. */
public final class Flows {

    private Flows() {
    }

    public static RequestSpecification as(UUID orgId, String role) {
        return given().auth().oauth2(TestTokens.member(orgId, role)).contentType("application/json");
    }

    /** Creates an ACTIVE automation; answers its id. */
    public static String automation(UUID orgId, String definition, boolean oncePerContact) {
        return as(orgId, "ORG_ADMIN").body("{\"name\":\"Teste\",\"status\":\"ACTIVE\",\"oncePerContact\":%s,\"definition\":%s}"
                .formatted(oncePerContact, definition)).when().post("/api/automations").then().statusCode(201).extract().path("id");
    }

    /** whatsapp-gateway announcing a contact's message; answers the event id. */
    public static String contactWrites(CloudEventSender kafka, UUID orgId, String waId, String name, String text) {
        String eventId = UUID.randomUUID().toString();
        kafka.send("ft9.whatsapp.inbound", orgId + ":" + waId, eventId, "ft9.whatsapp.message.received.v1", "whatsapp-gateway",
                orgId.toString(), received(orgId, waId, name, text));
        return eventId;
    }

    public static String received(UUID orgId, String waId, String name, String text) {
        return ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"profileName\":\"%s\","
                + "\"phoneNumberId\":\"106540352242922\",\"waMessageId\":\"wamid.%s\",\"type\":\"text\",\"text\":\"%s\","
                + "\"sentAt\":\"%s\",\"conversationId\":\"%s\",\"conversationMode\":\"BOT\"}")
                .formatted(orgId, UUID.randomUUID(), UUID.nameUUIDFromBytes((orgId + waId).getBytes()), waId, name,
                        UUID.randomUUID(), text, java.time.OffsetDateTime.now(), UUID.nameUUIDFromBytes((waId + orgId).getBytes()));
    }

    /** Waits for the automation's run to end; answers its row. */
    public static Row awaitRun(String automationId, String... endStatuses) {
        java.util.List<String> ends = java.util.List.of(endStatuses.length == 0 ? new String[] { "SUCCEEDED", "FAILED" } : endStatuses);
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> row("select id, status, step, error, attempts, due_at from run where automation_id = $1"
                        + " order by created_at desc limit 1", UUID.fromString(automationId)),
                        r -> r != null && ends.contains(r.getString("status")));
    }

    /** Waits until the automation's run waits at this step (a delay). */
    public static Row awaitWaitingAt(String automationId, int step) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> row("select id, status, step, error, attempts, due_at from run where automation_id = $1"
                        + " order by created_at desc limit 1", UUID.fromString(automationId)),
                        r -> r != null && "READY".equals(r.getString("status")) && r.getInteger("step") == step);
    }

    public static Pool pool() {
        return Sql.pool();
    }

    public static Row row(String sql, Object... parameters) {
        return Sql.row(sql, parameters);
    }

    public static void execute(String sql, Object... parameters) {
        Sql.execute(sql, parameters);
    }
}
