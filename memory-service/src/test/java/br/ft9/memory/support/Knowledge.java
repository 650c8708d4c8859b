package br.ft9.memory.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.Sql;
import br.ft9.common.testing.TestTokens;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Test helpers: an organisation's people calling the API, and its profile as tenant-service's events would leave it. */
public final class Knowledge {

    private Knowledge() {
    }

    public static RequestSpecification as(UUID orgId, String role) {
        return given().auth().oauth2(TestTokens.member(orgId, role)).contentType("application/json");
    }

    public static RequestSpecification admin(UUID orgId) {
        return as(orgId, "ORG_ADMIN");
    }

    /** Adds an FAQ entry; answers its id. */
    public static String faq(UUID orgId, String question, String answer) {
        return admin(orgId).body("{\"kind\":\"FAQ\",\"question\":\"%s\",\"answer\":\"%s\",\"tags\":[\"atendimento\"]}"
                .formatted(question, answer)).when().post("/api/knowledge/items").then().statusCode(201).extract().path("id");
    }

    /** Adds a text; answers its id. */
    public static String text(UUID orgId, String title, String body) {
        return admin(orgId).body("{\"kind\":\"TEXT\",\"title\":\"%s\",\"body\":\"%s\"}".formatted(title, body))
                .when().post("/api/knowledge/items").then().statusCode(201).extract().path("id");
    }

    /** The organisation's profile, as tenant-service's organisation event leaves it. */
    public static void profile(UUID orgId, boolean autoReply, String handoffMessage, String businessHours) {
        execute("insert into organization_profile (org_id, name, time_zone, locale, status, assistant_persona, assistant_tone,"
                + " auto_reply, handoff_message, business_hours, updated_at) values ($1, 'Clínica Sorriso', 'America/Recife',"
                + " 'pt-BR', 'ACTIVE', 'a Sofia, assistente da clínica', 'FRIENDLY', $2, $3, $4, now())"
                + " on conflict (org_id) do update set auto_reply = $2, handoff_message = $3, business_hours = $4",
                orgId, autoReply, handoffMessage, businessHours);
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

    /** A contact's message as the gateway announces it. */
    public static String received(UUID orgId, String waId, String text, String mode) {
        return ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"profileName\":\"Maria\","
                + "\"phoneNumberId\":\"106540352242922\",\"waMessageId\":\"wamid.%s\",\"type\":\"text\",\"text\":\"%s\","
                + "\"sentAt\":\"2026-11-25T12:00:00Z\",\"conversationId\":\"%s\",\"conversationMode\":\"%s\"}")
                .formatted(orgId, UUID.randomUUID(), UUID.nameUUIDFromBytes(waId.getBytes()), waId, UUID.randomUUID(), text,
                        UUID.nameUUIDFromBytes((orgId + waId).getBytes()), mode);
    }

    /** Publishes the gateway's announcement of a contact's message, keyed by organisation and contact like the gateway's. */
    public static void publish(CloudEventSender kafka, String eventId, UUID orgId, String waId, String json) {
        kafka.send("ft9.whatsapp.inbound", orgId + ":" + waId, eventId, "ft9.whatsapp.message.received.v1", "whatsapp-gateway",
                orgId.toString(), json);
    }
}
