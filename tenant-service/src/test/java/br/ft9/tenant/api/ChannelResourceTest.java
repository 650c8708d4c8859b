package br.ft9.tenant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.security.SecretBox;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Connecting WhatsApp numbers: sealed tokens, one organisation per number, rights, and the events the gateway maps from. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(br.ft9.tenant.support.GraphStub.class)
class ChannelResourceTest {

    private static UUID organisation() {
        return UUID.fromString(given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Canal", "slug", "canal-" + UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/api/organizations").then().statusCode(201).extract().path("id"));
    }

    private static String phoneNumberId() {
        return String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999_999L));
    }

    private static Map<String, String> number(String phoneNumberId, String token) {
        return Map.of("phoneNumberId", phoneNumberId, "displayPhoneNumber", "+55 11 91234-5678",
                "wabaId", "102290129340398", "accessToken", token);
    }

    private static long rows(String sql, Object value) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void an_admin_connects_a_number_whose_token_is_sealed_at_rest_and_in_the_event_and_shown_only_masked() {
        UUID orgId = organisation();
        String phoneNumberId = phoneNumberId();
        String token = "EAAGm0PX4ZCpsBA" + UUID.randomUUID().toString().replace("-", "");
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                    .body(number(phoneNumberId, token))
                    .when().post("/api/organizations/me/channels")
                    .then().statusCode(201)
                    .body("phoneNumberId", equalTo(phoneNumberId)).body("status", equalTo("CONNECTED"))
                    .body("accessToken", equalTo("****" + token.substring(token.length() - 4)))
                    .body(not(containsString(token)));

            ConsumerRecord<String, String> connected = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.channel.connected.v1"), Duration.ofSeconds(15));
            assertThat(connected.value()).contains("\"phoneNumberId\":\"" + phoneNumberId + "\"").doesNotContain(token);
            String sealed = connected.value().replaceAll(".*\"accessTokenSealed\":\"([^\"]+)\".*", "$1");
            assertThat(Arc.container().instance(SecretBox.class).get().decrypt(sealed)).isEqualTo(token);
        }
        Pool pool = Arc.container().instance(Pool.class).get();
        String stored = pool.preparedQuery("select access_token_encrypted from whatsapp_channel where phone_number_id = $1")
                .execute(Tuple.of(phoneNumberId)).await().indefinitely().iterator().next().getString(0);
        assertThat(stored).startsWith("v1:").doesNotContain(token);

        given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER")).when().get("/api/organizations/me/channels")
                .then().statusCode(200).body("[0].phoneNumberId", equalTo(phoneNumberId)).body(not(containsString(token)));
    }

    @Test
    void a_number_belongs_to_one_organisation_only() {
        String phoneNumberId = phoneNumberId();
        given().auth().oauth2(TestTokens.member(organisation(), "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(number(phoneNumberId, "EAAG-first-organisation-token")).when().post("/api/organizations/me/channels")
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.member(organisation(), "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(number(phoneNumberId, "EAAG-second-organisation-token")).when().post("/api/organizations/me/channels")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("phoneNumberId"));
        assertThat(rows("select count(*) from whatsapp_channel where phone_number_id = $1", phoneNumberId)).isEqualTo(1);
    }

    @Test
    void wrong_values_are_named_and_nothing_is_written() {
        UUID orgId = organisation();
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(number("12ab", "EAAG-valid-looking-token"))
                .when().post("/api/organizations/me/channels").then().statusCode(400).body("field", equalTo("phoneNumberId"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(number(phoneNumberId(), "short"))
                .when().post("/api/organizations/me/channels").then().statusCode(400).body("field", equalTo("accessToken"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("phoneNumberId", phoneNumberId(), "displayPhoneNumber", "call me", "wabaId", "102290129340398",
                        "accessToken", "EAAG-valid-looking-token"))
                .when().post("/api/organizations/me/channels").then().statusCode(400).body("field", equalTo("displayPhoneNumber"));
        assertThat(rows("select count(*) from whatsapp_channel where org_id = $1", orgId)).isZero();
    }

    @Test
    void only_admins_connect_and_disconnect_and_agents_do_not_see_numbers() {
        UUID orgId = organisation();
        given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER")).contentType(ContentType.JSON)
                .body(number(phoneNumberId(), "EAAG-valid-looking-token")).when().post("/api/organizations/me/channels")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.member(orgId, "ORG_AGENT")).when().get("/api/organizations/me/channels")
                .then().statusCode(403);
    }

    @Test
    void another_organisations_number_cannot_be_disconnected_and_ones_own_can_then_be_connected_again() {
        UUID owner = organisation();
        String phoneNumberId = phoneNumberId();
        String channelId = given().auth().oauth2(TestTokens.member(owner, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(number(phoneNumberId, "EAAG-owner-organisation-token")).when().post("/api/organizations/me/channels")
                .then().statusCode(201).extract().path("id");

        UUID other = organisation();
        given().auth().oauth2(TestTokens.member(other, "ORG_ADMIN")).when().delete("/api/organizations/me/channels/" + channelId)
                .then().statusCode(404);
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            given().auth().oauth2(TestTokens.member(owner, "ORG_ADMIN")).when().delete("/api/organizations/me/channels/" + channelId)
                    .then().statusCode(204);
            ConsumerRecord<String, String> gone = events.awaitRecord(r -> owner.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.channel.disconnected.v1"), Duration.ofSeconds(15));
            assertThat(gone.value()).contains(phoneNumberId).doesNotContain("accessTokenSealed");
        }
        given().auth().oauth2(TestTokens.member(other, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(number(phoneNumberId, "EAAG-new-owner-organisation-token")).when().post("/api/organizations/me/channels")
                .then().statusCode(201);
    }

    @Test
    void a_number_is_connected_only_with_a_token_meta_shows_it_to_and_a_refusal_connects_nothing() {
        UUID orgId = organisation();
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        String someoneElses = phoneNumberId();
        br.ft9.tenant.support.GraphStub.ownedBySomeoneElse(someoneElses);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(number(someoneElses, "EAAG-squatter-organisation-token"))
                .when().post("/api/organizations/me/channels").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("phoneNumberId")).body("detail", containsString("Meta does not show this number"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(number(phoneNumberId(), "not-a-token-that-meta-issued"))
                .when().post("/api/organizations/me/channels").then().statusCode(400).body("field", equalTo("accessToken"));

        assertThat(rows("select count(*) from whatsapp_channel where org_id = $1", orgId)).isZero();
        assertThat(rows("select count(*) from event_outbox where org_id = $1 and type = 'ft9.tenant.channel.connected.v1'", orgId))
                .isZero();
    }

    @Test
    void when_meta_cannot_be_asked_the_answer_is_502_and_nothing_is_connected() {
        UUID orgId = organisation();
        String phoneNumberId = phoneNumberId();
        br.ft9.tenant.support.GraphStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/" + phoneNumberId)).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));

        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(number(phoneNumberId, "EAAG-valid-looking-token")).when().post("/api/organizations/me/channels")
                .then().statusCode(502).contentType("application/problem+json");
        assertThat(rows("select count(*) from whatsapp_channel where org_id = $1", orgId)).isZero();
    }
}
