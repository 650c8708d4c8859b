package br.ft9.tenant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An event a consumer cannot apply goes, through SmallRye's real dead-letter strategy, to its dead-letter topic; platform
 * staff find it with its reason, replay it unchanged to its original topic, or discard it with a reason.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(br.ft9.tenant.support.GraphStub.class)
class DeadLettersTest {

    private static final String USER_CREATED = "ft9.auth.user.created.v1";

    /** An auth event tenant-service's seat counting cannot read (its userId is no UUID) about a contact's message. */
    private static String unreadableEvent(UUID orgId, UUID messageId) {
        String eventId = UUID.randomUUID().toString();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.auth.events", orgId.toString(), eventId, USER_CREATED, "auth-service", orgId.toString(),
                    "{\"userId\":\"not-a-uuid\",\"orgId\":\"" + orgId + "\",\"status\":\"ACTIVE\",\"inReplyToMessageId\":\""
                            + messageId + "\"}");
        }
        return eventId;
    }

    /**
     * The pending dead letters of the event that tenant-service's own seat counting made. Other consumer groups of the
     * topic (a local suite's gateway running beside the tests) refuse the same event and make their own.
     */
    private static List<Map<String, Object>> pending(String eventId) {
        return letters(eventId, "PENDING");
    }

    private static List<Map<String, Object>> letters(String eventId, String status) {
        return given().auth().oauth2(TestTokens.superAdmin()).queryParam("topic", "ft9.auth.events.dlq").queryParam("status", status)
                .queryParam("size", 100).when().get("/api/operations/dead-letters").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(item -> eventId.equals(item.get("eventId"))
                        && TENANTS_REASON.equals(item.get("reason"))).toList();
    }

    /** How tenant-service's seat counting refuses an unreadable auth event (its reading is UsageEventsConsumer.UserEvent). */
    private static final String TENANTS_REASON = "unreadable UserEvent data";

    private static Map<String, Object> awaitPending(String eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> pending(eventId), found -> !found.isEmpty()).get(0);
    }

    private static String status(Object id) {
        return given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + id).then().statusCode(200)
                .extract().path("summary.status");
    }

    @Test
    void an_event_no_consumer_could_apply_is_listed_with_its_reason_and_the_organisation_hears_of_it_for_the_message_journey() {
        UUID orgId = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        try (KafkaProbe tenantEvents = KafkaProbe.tail("ft9.tenant.events")) {
            String eventId = unreadableEvent(orgId, messageId);
            Map<String, Object> letter = awaitPending(eventId);
            assertThat(letter).containsEntry("originalTopic", "ft9.auth.events").containsEntry("eventType", USER_CREATED)
                    .containsEntry("orgId", orgId.toString()).containsEntry("messageId", messageId.toString())
                    .containsEntry("status", "PENDING").containsEntry("replays", 0);
            assertThat((String) letter.get("reason")).isNotBlank();

            ConsumerRecord<String, String> notice = tenantEvents.awaitRecord(r -> orgId.toString().equals(r.key())
                    && "ft9.tenant.dead_letter.recorded.v1".equals(KafkaProbe.header(r, "ce_type").orElse(""))
                    && r.value().contains((String) letter.get("id")), Duration.ofSeconds(15));
            JsonPath data = JsonPath.from(notice.value());
            assertThat(data.getString("messageId")).isEqualTo(messageId.toString());
            assertThat(data.getString("deadLetterId")).isEqualTo(letter.get("id"));
            assertThat(data.getString("topic")).isEqualTo("ft9.auth.events.dlq");

            JsonPath detail = given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + letter.get("id"))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(detail.getString("data.userId")).isEqualTo("not-a-uuid");
            assertThat(detail.getString("key")).isEqualTo(orgId.toString());
            assertThat(detail.getList("headers.name", String.class)).contains("ce_id", "ce_type", "dead-letter-reason", "dead-letter-topic");
        }
    }

    @Test
    void only_platform_staff_see_or_touch_dead_letters() {
        String admin = TestTokens.member(UUID.randomUUID(), "ADMIN");
        given().auth().oauth2(admin).when().get("/api/operations/dead-letters").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post("/api/operations/dead-letters/replay")
                .then().statusCode(403);
        given().when().get("/api/operations/dead-letters").then().statusCode(401);
    }

    @Test
    void a_replay_sends_the_event_back_to_its_topic_unchanged_with_its_id_and_without_the_dead_letter_headers() {
        UUID orgId = UUID.randomUUID();
        String eventId = unreadableEvent(orgId, UUID.randomUUID());
        Map<String, Object> letter = awaitPending(eventId);
        try (KafkaProbe authEvents = KafkaProbe.tail("ft9.auth.events")) {
            given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/operations/dead-letters/" + letter.get("id") + "/replay")
                    .then().statusCode(200).body("status", equalTo("REPLAYED")).body("replays", equalTo(1));
            ConsumerRecord<String, String> replayed = authEvents.awaitRecord(r -> eventId.equals(KafkaProbe.header(r, "ce_id").orElse("")),
                    Duration.ofSeconds(15));
            assertThat(replayed.key()).isEqualTo(orgId.toString());
            assertThat(KafkaProbe.header(replayed, "ce_type")).contains(USER_CREATED);
            assertThat(KafkaProbe.header(replayed, "ce_subject")).contains(orgId.toString());
            assertThat(replayed.value()).contains("\"userId\":\"not-a-uuid\"");
            assertThat(KafkaProbe.header(replayed, "dead-letter-reason")).isEmpty();
        }
        // Nothing was fixed: the consumer refuses it again, and it comes back as a new pending dead letter; "replay all"
        // of its topic sends it back once more.
        Object again = await().atMost(Duration.ofSeconds(30)).until(() -> pending(eventId), found -> !found.isEmpty()).get(0).get("id");
        assertThat(again).isNotEqualTo(letter.get("id"));
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("topic", "ft9.auth.events.dlq"))
                .when().post("/api/operations/dead-letters/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertThat(status(letter.get("id"))).isEqualTo("REPLAYED");
        assertThat(status(again)).isEqualTo("REPLAYED");
    }

    @Test
    void a_discarded_dead_letter_needs_a_reason_keeps_it_and_is_never_replayed() {
        String eventId = unreadableEvent(UUID.randomUUID(), UUID.randomUUID());
        Object id = awaitPending(eventId).get("id");
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post("/api/operations/dead-letters/" + id + "/discard")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("reason"));
        given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + id)
                .then().statusCode(200).body("summary.status", equalTo("PENDING"));
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "a test user that never existed")).when().post("/api/operations/dead-letters/" + id + "/discard")
                .then().statusCode(200).body("status", equalTo("DISCARDED")).body("discardReason", equalTo("a test user that never existed"));
        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/operations/dead-letters/" + id + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("status", "SOMETIMES").when().get("/api/operations/dead-letters")
                .then().statusCode(400).body(containsString("status"));
        given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    /** An unreadable event that names a contact (their number in the data, as messages and send commands do). */
    private static String unreadableEventAbout(UUID orgId, String waId) {
        String eventId = UUID.randomUUID().toString();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.auth.events", orgId + ":" + waId, eventId, USER_CREATED, "auth-service", orgId.toString(),
                    "{\"userId\":\"not-a-uuid\",\"orgId\":\"" + orgId + "\",\"waId\":\"" + waId + "\",\"text\":\"minha consulta\"}");
        }
        return eventId;
    }

    @Test
    void a_contacts_erasure_leaves_nothing_of_them_in_the_dead_letters_and_is_confirmed() {
        UUID orgId = UUID.randomUUID();
        UUID contactId = UUID.randomUUID();
        String hers = unreadableEventAbout(orgId, "5581944445001");
        String his = unreadableEventAbout(orgId, "5581944445002");
        Object herLetter = awaitPending(hers).get("id");
        awaitPending(his);
        UUID erasure = UUID.randomUUID();
        try (KafkaProbe tenantEvents = KafkaProbe.tail("ft9.tenant.events"); CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.whatsapp.inbound", orgId + ":5581944445001", UUID.randomUUID().toString(),
                    "ft9.whatsapp.contact.erasure_requested.v1", "whatsapp-gateway", orgId.toString(),
                    ("{\"erasureId\":\"%s\",\"orgId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"5581944445001\","
                            + "\"requestedAt\":\"2026-11-30T12:00:00Z\"}").formatted(erasure, orgId, contactId));
            ConsumerRecord<String, String> confirmed = tenantEvents.awaitRecord(r -> r.value().contains(erasure.toString()),
                    Duration.ofSeconds(30));
            assertThat(KafkaProbe.header(confirmed, "ce_type")).contains("ft9.tenant.contact.erased.v1");
            assertThat(JsonPath.from(confirmed.value()).getString("service")).isEqualTo("tenant-service");
        }
        JsonPath erased = given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + herLetter)
                .then().statusCode(200).extract().jsonPath();
        assertThat(erased.getString("summary.status")).isEqualTo("DISCARDED");
        assertThat(erased.getString("summary.discardReason")).contains("erased");
        assertThat(erased.getString("data")).isNull();
        assertThat(erased.getString("rawData")).isNull();
        assertThat(erased.getString("key")).isNull();
        assertThat(erased.getList("headers")).isEmpty();
        assertThat(pending(his)).isNotEmpty();
    }

    @Test
    void a_settled_dead_letter_keeps_its_record_thirty_days_and_a_pending_one_no_longer_than_its_organisations_retention() {
        String settled = unreadableEventAbout(UUID.randomUUID(), "5581944446001");
        String forgotten = unreadableEventAbout(UUID.randomUUID(), "5581944446002");
        String recent = unreadableEventAbout(UUID.randomUUID(), "5581944446003");
        Object settledId = awaitPending(settled).get("id");
        Object forgottenId = awaitPending(forgotten).get("id");
        Object recentId = awaitPending(recent).get("id");
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(Map.of("reason", "a test user"))
                .when().post("/api/operations/dead-letters/" + settledId + "/discard").then().statusCode(200);
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container().instance(io.vertx.mutiny.sqlclient.Pool.class).get();
        pool.preparedQuery("update dead_letter set settled_at = now() - interval '31 days' where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString((String) settledId))).await().indefinitely();
        pool.preparedQuery("update dead_letter set dead_lettered_at = now() - interval '400 days' where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString((String) forgottenId))).await().indefinitely();

        io.quarkus.arc.Arc.container().instance(br.ft9.common.retention.RetentionSweeper.class).get().sweep().await()
                .atMost(Duration.ofSeconds(30));

        for (Object emptied : List.of(settledId, forgottenId)) {
            JsonPath letter = given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + emptied)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(letter.getString("data")).isNull();
            assertThat(letter.getList("headers")).isEmpty();
            assertThat(letter.getString("summary.status")).isEqualTo("DISCARDED");
            assertThat(letter.getString("summary.originalTopic")).as("where it came from stays").isEqualTo("ft9.auth.events");
        }
        assertThat(status(forgottenId)).isEqualTo("DISCARDED");
        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/operations/dead-letters/" + settledId + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
        JsonPath kept = given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/operations/dead-letters/" + recentId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(kept.getString("data.waId")).isEqualTo("5581944446003");
        assertThat(kept.getString("summary.status")).isEqualTo("PENDING");
    }

    @Test
    void a_dead_letter_older_than_the_consumers_memory_of_applied_events_is_not_replayed_and_stays_pending() {
        String old = unreadableEventAbout(UUID.randomUUID(), "5581944446004");
        Object oldId = awaitPending(old).get("id");
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container().instance(io.vertx.mutiny.sqlclient.Pool.class).get();
        pool.preparedQuery("update dead_letter set dead_lettered_at = now() - interval '61 days' where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString((String) oldId))).await().indefinitely();

        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/operations/dead-letters/" + oldId + "/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("FT9_INBOX_REMEMBER_FOR"));

        assertThat(status(oldId)).isEqualTo("PENDING");
    }
}
