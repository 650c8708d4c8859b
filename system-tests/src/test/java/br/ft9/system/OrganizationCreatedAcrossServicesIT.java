package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.restassured.http.ContentType;

/**
 * tenant-service and whatsapp-gateway as real processes: organisations and WhatsApp numbers set up
 * through tenant-service's API travel as CloudEvents through the real Kafka broker into the gateway's
 * own schema (its organisation directory and phone-number map).
 */
class OrganizationCreatedAcrossServicesIT {

    private static ServiceProcess tenant;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startServices() {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        tenant = ServiceProcess.launch("tenant-service", Map.of());
        gateway = ServiceProcess.launch("whatsapp-gateway", Map.of());
        ServiceProcess.awaitReady(tenant, gateway);
    }

    @AfterAll
    static void stopServices() {
        ServiceProcess.closeAll(gateway, tenant);
    }

    @Test
    void an_organisation_opened_in_tenant_service_reaches_the_gateway_once_through_kafka() throws SQLException {
        String slug = "clinica-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProbe tenantEvents = KafkaProbe.tail("ft9.tenant.events")) {
            String orgId = given().baseUri(tenant.uri("").toString())
                    .auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Clínica Bem-Estar", "slug", slug, "timeZone", "America/Recife"))
                    .when().post("/api/organizations")
                    .then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> record = tenantEvents.awaitRecord(r -> orgId.equals(r.key()), Duration.ofSeconds(20));
            String eventId = KafkaProbe.cloudEvent(record).get("id");
            assertThat(KafkaProbe.cloudEvent(record)).containsEntry("type", "ft9.tenant.organization.created.v1")
                    .containsEntry("source", "tenant-service").containsEntry("subject", orgId);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Database.value("gateway",
                    "select slug || ' ' || time_zone from organization where org_id = ?", UUID.fromString(orgId)))
                    .isEqualTo(slug + " America/Recife"));
            assertThat(Database.value("gateway", "select count(*)::text from processed_event where event_id = ?", eventId))
                    .isEqualTo("1");
        }
    }

    @Test
    void a_whatsapp_number_connected_in_tenant_service_routes_to_its_organisation_in_the_gateway() throws SQLException {
        String orgId = given().baseUri(tenant.uri("").toString())
                .auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Escola Girassol", "slug", "escola-" + UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/api/organizations").then().statusCode(201).extract().path("id");
        String phoneNumberId = String.valueOf(100_000_000_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 800_000_000_000_000L));
        String channelId = given().baseUri(tenant.uri("").toString())
                .auth().oauth2(TestTokens.member(UUID.fromString(orgId), "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("phoneNumberId", phoneNumberId, "displayPhoneNumber", "+55 81 3456-7890",
                        "wabaId", "102290129340398", "accessToken", "EAAG-system-test-token-0001"))
                .when().post("/api/organizations/me/channels").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Database.value("gateway",
                "select org_id::text from channel where phone_number_id = ?", phoneNumberId)).isEqualTo(orgId));
        assertThat(Database.value("gateway", "select access_token_sealed from channel where phone_number_id = ?", phoneNumberId))
                .startsWith("v1:").doesNotContain("EAAG-system-test-token-0001");

        given().baseUri(tenant.uri("").toString()).auth().oauth2(TestTokens.member(UUID.fromString(orgId), "ORG_ADMIN"))
                .when().delete("/api/organizations/me/channels/" + channelId).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Database.value("gateway",
                "select org_id::text from channel where phone_number_id = ?", phoneNumberId)).isNull());
    }
}
