package br.ft9.tenant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.Sql;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit trail: what admins and staff did, chained per organisation, read by its admins and staff, and checked. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class AuditTrailTest {

    private static UUID open() {
        String slug = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        return UUID.fromString(given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica " + slug, "slug", slug)).when().post("/api/organizations").then().statusCode(201)
                .extract().path("id"));
    }

    private static JsonPath trail(String token, String query, int atLeast) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(token).when().get("/api/audit" + query)
                .then().statusCode(200).extract().jsonPath(), page -> page.getList("items").size() >= atLeast);
    }

    private static void change(UUID orgId, UUID admin, Map<String, Object> settings) {
        given().auth().oauth2(TestTokens.member(admin, orgId, "ORG_ADMIN")).header("X-Forwarded-For", "203.0.113.7, 10.0.0.2")
                .contentType(ContentType.JSON).body(settings).when().patch("/api/organizations/me").then().statusCode(200);
    }

    @Test
    void an_admins_settings_change_is_kept_with_who_from_where_and_the_settings_before_and_after() {
        UUID orgId = open();
        UUID admin = UUID.randomUUID();
        String token = TestTokens.member(admin, orgId, "ORG_ADMIN");
        change(orgId, admin, Map.of("autoReply", false, "messageRetentionDays", 90));

        JsonPath changed = trail(token, "?action=organization.settings_changed", 1);
        assertThat(changed.getString("items[0].actorId")).isEqualTo(admin.toString());
        assertThat(changed.getString("items[0].actorRole")).isEqualTo("ORG_ADMIN");
        assertThat(changed.getString("items[0].actorKind")).isEqualTo("MEMBER");
        assertThat(changed.getString("items[0].address")).isEqualTo("203.0.113.7");
        assertThat(changed.getString("items[0].service")).isEqualTo("tenant-service");
        assertThat(changed.getString("items[0].targetId")).isEqualTo(orgId.toString());
        assertThat(changed.getBoolean("items[0].before.autoReply")).isTrue();
        assertThat(changed.getBoolean("items[0].after.autoReply")).isFalse();
        assertThat(changed.getInt("items[0].before.messageRetentionDays")).isEqualTo(365);
        assertThat(changed.getInt("items[0].after.messageRetentionDays")).isEqualTo(90);

        JsonPath all = trail(token, "?action=organization.", 2);
        assertThat(all.getList("items.action", String.class)).containsExactly("organization.settings_changed", "organization.created");
        assertThat(all.getString("items[1].actorKind")).as("staff opened it").isEqualTo("STAFF");
        assertThat(all.getLong("items[0].seq")).isEqualTo(all.getLong("items[1].seq") + 1);
        assertThat(all.getString("items[0].prevHash")).isEqualTo(all.getString("items[1].hash"));

        given().auth().oauth2(token).when().get("/api/audit?actor=" + UUID.randomUUID()).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(token).when().get("/api/audit?actor=" + admin).then().statusCode(200).body("items", hasSize(1));
        String tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString();
        given().auth().oauth2(token).queryParam("from", tomorrow).when().get("/api/audit").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(token).queryParam("to", tomorrow).when().get("/api/audit").then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void admins_read_only_their_own_organisations_trail_and_staff_name_the_organisation_they_read() {
        UUID orgId = open();
        change(orgId, UUID.randomUUID(), Map.of("autoReply", false));
        trail(TestTokens.member(orgId, "ORG_ADMIN"), "", 2);

        UUID other = UUID.randomUUID();
        given().auth().oauth2(TestTokens.member(other, "ORG_ADMIN")).queryParam("orgId", orgId).when().get("/api/audit")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER")).when().get("/api/audit").then().statusCode(403);
        given().auth().oauth2(TestTokens.member(orgId, "ORG_AGENT")).when().get("/api/audit/chain").then().statusCode(403);
        given().when().get("/api/audit").then().statusCode(401);
        given().auth().oauth2(TestTokens.superAdmin()).when().get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("orgId"));
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("orgId", orgId).when().get("/api/audit").then().statusCode(200)
                .body("total", equalTo(2));
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).queryParam("from", "ontem").when().get("/api/audit")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("from"));
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).queryParam("actor", "someone").when().get("/api/audit")
                .then().statusCode(400).body("field", equalTo("actor"));
    }

    @Test
    void the_chain_holds_until_an_entry_is_changed_or_removed_behind_the_trails_back_and_says_which() {
        UUID orgId = open();
        UUID admin = UUID.randomUUID();
        String token = TestTokens.member(orgId, "ORG_ADMIN");
        for (int days : List.of(60, 90, 120)) {
            change(orgId, admin, Map.of("messageRetentionDays", days));
        }
        trail(token, "", 4);
        given().auth().oauth2(token).when().get("/api/audit/chain").then().statusCode(200)
                .body("intact", equalTo(true)).body("entries", equalTo(4));

        assertThatThrownBy(() -> Sql.execute("update audit_record set after_state = '{}' where org_id = $1 and seq = 2", orgId))
                .as("the table itself refuses a change").hasMessageContaining("append-only");
        assertThatThrownBy(() -> Sql.execute("delete from audit_record where org_id = $1 and seq = 2", orgId))
                .hasMessageContaining("append-only");

        // Someone with the database's keys goes round the trigger: the chain still tells.
        behindTheTrailsBack("update audit_record set after_state = replace(after_state, '\"messageRetentionDays\":90', "
                + "'\"messageRetentionDays\":3650') where org_id = $1 and seq = 3", orgId);
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("orgId", orgId).when().get("/api/audit/chain").then()
                .statusCode(200).body("intact", equalTo(false)).body("brokenAt", equalTo(3))
                .body("problem", equalTo("entry 3 was changed after it was recorded"));

        UUID second = open();
        change(second, admin, Map.of("autoReply", false));
        change(second, admin, Map.of("autoReply", true));
        trail(TestTokens.member(second, "ORG_ADMIN"), "", 3);
        behindTheTrailsBack("delete from audit_record where org_id = $1 and seq = 2", second);
        given().auth().oauth2(TestTokens.member(second, "ORG_ADMIN")).when().get("/api/audit/chain").then().statusCode(200)
                .body("intact", equalTo(false)).body("brokenAt", equalTo(2)).body("problem", startsWith("entry 2 is missing"));
    }

    @Test
    void an_entry_delivered_twice_is_chained_once() {
        UUID orgId = UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String entry = "{\"orgId\":\"" + orgId + "\",\"service\":\"billing-service\",\"actorKind\":\"PLATFORM\","
                + "\"action\":\"billing.plan_changed\",\"targetType\":\"subscription\",\"targetId\":\"sub_1\","
                + "\"before\":{\"plan\":\"STARTER\"},\"after\":{\"plan\":\"PRO\"},\"at\":\"2026-11-30T12:00:00.123456789Z\"}";
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.audit", orgId.toString(), id, "ft9.audit.recorded.v1", "billing-service", orgId.toString(), entry);
            sender.send("ft9.audit", orgId.toString(), id, "ft9.audit.recorded.v1", "billing-service", orgId.toString(), entry);
        }
        String token = TestTokens.member(orgId, "ORG_ADMIN");
        JsonPath page = trail(token, "", 1);
        assertThat(page.getString("items[0].after.plan")).isEqualTo("PRO");
        assertThat(page.getString("items[0].at")).startsWith("2026-11-30T12:00:00.123456");
        // the second delivery is behind the first on the same partition: once the marker after it is in, it was judged
        String marker = UUID.randomUUID().toString();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.audit", orgId.toString(), marker, "ft9.audit.recorded.v1", "billing-service", orgId.toString(),
                    entry.replace("sub_1", "sub_2"));
        }
        JsonPath both = trail(token, "", 2);
        assertThat(both.getList("items.targetId", String.class)).containsExactly("sub_2", "sub_1");
        given().auth().oauth2(token).when().get("/api/audit/chain").then().statusCode(200).body("intact", equalTo(true))
                .body("entries", equalTo(2));
    }

    /** A change made by the table's owner with the append-only trigger off, inside one transaction that turns it back on. */
    private static void behindTheTrailsBack(String sql, UUID orgId) {
        Sql.pool().withTransaction(connection -> connection.query("alter table audit_record disable trigger audit_record_append_only")
                .execute().chain(() -> connection.preparedQuery(sql).execute(Tuple.of(orgId)))
                .chain(() -> connection.query("alter table audit_record enable trigger audit_record_append_only").execute()))
                .await().indefinitely();
    }
}
