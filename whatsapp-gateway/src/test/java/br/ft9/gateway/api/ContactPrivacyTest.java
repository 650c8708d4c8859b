package br.ft9.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import br.ft9.gateway.support.PlatformStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A contact's rights (LGPD) at the gateway: their data exported as one document with the other services' parts, and
 * erased at their request, the gateway at once and the others confirming by event until the request is complete; the
 * same number writing again is a new contact.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
@WithTestResource(PlatformStubs.class)
class ContactPrivacyTest {

    private static UUID contactOf(UUID orgId, String waId) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Meta.row(
                "select id from contact where org_id = $1 and wa_id = $2", orgId, waId), r -> r != null).getUUID(0);
    }

    private static void confirms(CloudEventSender kafka, String topic, String type, String service, UUID orgId, UUID erasure,
            UUID contact) {
        kafka.send(topic, orgId.toString(), UUID.randomUUID().toString(), type, service, orgId.toString(),
                "{\"erasureId\":\"%s\",\"orgId\":\"%s\",\"contactId\":\"%s\",\"service\":\"%s\",\"erasedAt\":\"%s\"}"
                        .formatted(erasure, orgId, contact, service, java.time.OffsetDateTime.now()));
    }

    @Test
    void an_admin_exports_everything_kept_about_a_contact_with_the_other_services_parts_and_agents_cannot() {
        Meta.Number number = Meta.connectedNumber();
        String waId = Meta.waId();
        Meta.contactWrites(number, waId, "Oi, quero marcar uma limpeza");
        UUID contact = contactOf(number.orgId(), waId);
        String admin = TestTokens.member(number.orgId(), "ORG_ADMIN");

        Response response = given().auth().oauth2(admin).when().get("/api/contacts/{id}/export", contact);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"contact-" + contact + ".json\"");
        JsonPath document = response.jsonPath();
        assertThat(document.getString("organisationId")).isEqualTo(number.orgId().toString());
        assertThat(document.getString("contact.waId")).isEqualTo(waId);
        assertThat(document.getList("conversations")).hasSize(1);
        assertThat(document.getList("messages.text", String.class)).containsExactly("Oi, quero marcar uma limpeza");
        assertThat(document.getString("messages[0].whatsapp.text.body")).isEqualTo("Oi, quero marcar uma limpeza");
        assertThat(document.getList("assistant.recentTurns.text", String.class)).containsExactly("Aceitam Unimed?", "Sim.");
        assertThat(document.getString("automations.profile.fields.convenio")).isEqualTo("Unimed");
        // The other services were asked with the admin's own token, the contact in the body (never in a URL).
        PlatformStubs.server().verify(postRequestedFor(urlEqualTo("/api/knowledge/contact-exports"))
                .withHeader("Authorization", equalTo("Bearer " + admin)).withRequestBody(containing(contact.toString())));
        PlatformStubs.server().verify(postRequestedFor(urlEqualTo("/api/automations/contact-exports"))
                .withRequestBody(containing("\"waId\":\"" + waId + "\"")));

        given().auth().oauth2(TestTokens.member(number.orgId(), "ORG_AGENT")).when().get("/api/contacts/{id}/export", contact)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).when().get("/api/contacts/{id}/export", contact)
                .then().statusCode(404);
    }

    @Test
    void an_admin_downloads_the_export_with_the_contacts_media_and_a_media_meta_no_longer_keeps_is_named_with_why() throws Exception {
        Meta.Number number = Meta.connectedNumber();
        String waId = Meta.waId();
        String pictureWamid = Meta.wamid();
        Meta.deliver(Meta.payload("image", number.phoneNumberId(), waId, pictureWamid, "Minha carteirinha"));
        String voiceWamid = Meta.wamid();
        Meta.deliver(Meta.payload("audio", number.phoneNumberId(), waId, voiceWamid, null));
        Meta.contactWrites(number, waId, "Mandei a carteirinha e um áudio");
        UUID contact = contactOf(number.orgId(), waId);
        UUID picture = Meta.row("select id from message where wa_message_id = $1", pictureWamid).getUUID(0);
        UUID voice = Meta.row("select id from message where wa_message_id = $1", voiceWamid).getUUID(0);
        // Meta keeps the picture; the voice note is older than Meta's 30 days and gone.
        String mediaUrl = GraphApiStub.server().baseUrl() + "/whatsapp_business/attachments/?mid=1003383421387256";
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/v23.0/1003383421387256")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"messaging_product\":\"whatsapp\",\"url\":\"" + mediaUrl
                        + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"x\",\"file_size\":\"10\",\"id\":\"1003383421387256\"}")));
        byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F' };
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/whatsapp_business/attachments/"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/v23.0/1003383421387257")).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported get request.\",\"code\":100}}")));
        String admin = TestTokens.member(number.orgId(), "ORG_ADMIN");

        Response response = given().auth().oauth2(admin).when().get("/api/contacts/{id}/export.zip", contact);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/zip");
        assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"contact-" + contact + ".zip\"");
        java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(response.asByteArray()))) {
            for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries.keySet()).containsExactly("contact.json", "media/" + picture + ".jpg");
        assertThat(entries.get("media/" + picture + ".jpg")).isEqualTo(jpeg);
        JsonPath document = new JsonPath(new String(entries.get("contact.json"), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(document.getList("messages")).hasSize(3);
        assertThat(document.getString("contact.waId")).isEqualTo(waId);
        assertThat(document.getString("mediaFiles.find { it.messageId == '" + picture + "' }.file")).isEqualTo("media/" + picture + ".jpg");
        assertThat(document.getString("mediaFiles.find { it.messageId == '" + voice + "' }.file")).isNull();
        assertThat(document.getString("mediaFiles.find { it.messageId == '" + voice + "' }.missing")).isNotBlank();

        given().auth().oauth2(TestTokens.member(number.orgId(), "ORG_AGENT")).when().get("/api/contacts/{id}/export.zip", contact)
                .then().statusCode(403);
    }

    @Test
    void confirmations_arriving_together_from_the_three_services_still_complete_the_erasure() {
        for (int round = 0; round < 3; round++) {
            Meta.Number number = Meta.connectedNumber();
            UUID org = number.orgId();
            String waId = Meta.waId();
            Meta.contactWrites(number, waId, "Podem apagar meus dados?");
            UUID contact = contactOf(org, waId);
            String admin = TestTokens.member(org, "ORG_ADMIN");
            UUID erasure = UUID.fromString(given().auth().oauth2(admin).when().post("/api/contacts/{id}/erasure", contact).then()
                    .statusCode(202).extract().path("id"));
            // Three topics, three consumers: the gateway applies these side by side, as it does when an outage ends.
            try (CloudEventSender kafka = new CloudEventSender()) {
                confirms(kafka, "ft9.memory.events", "ft9.memory.contact.erased.v1", "memory-service", org, erasure, contact);
                confirms(kafka, "ft9.flow.events", "ft9.flow.contact.erased.v1", "flow-service", org, erasure, contact);
                confirms(kafka, "ft9.tenant.events", "ft9.tenant.contact.erased.v1", "tenant-service", org, erasure, contact);
            }
            JsonPath done = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(admin).when()
                    .get("/api/contacts/erasures/{id}", erasure).then().statusCode(200).extract().jsonPath(),
                    j -> j.getList("waitingFor").isEmpty());
            assertThat(done.getString("status")).as("round " + round).isEqualTo("COMPLETE");
        }
    }

    @Test
    void an_export_missing_a_services_part_is_refused_with_503_rather_than_given_incomplete() {
        Meta.Number number = Meta.connectedNumber();
        String waId = Meta.waId();
        Meta.contactWrites(number, waId, "Bom dia");
        UUID contact = contactOf(number.orgId(), waId);
        PlatformStubs.server().stubFor(post(urlEqualTo("/api/knowledge/contact-exports")).withRequestBody(containing(contact.toString()))
                .atPriority(1).willReturn(aResponse().withStatus(500)));
        given().auth().oauth2(TestTokens.member(number.orgId(), "ORG_ADMIN")).when().get("/api/contacts/{id}/export", contact)
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("memory-service"));
    }

    @Test
    void an_erasure_anonymises_the_contact_at_once_asks_the_other_services_and_completes_when_all_confirmed() {
        Meta.Number number = Meta.connectedNumber();
        UUID org = number.orgId();
        String waId = Meta.waId();
        Meta.contactWrites(number, waId, "Meu CPF é 123.456.789-00");
        UUID contact = contactOf(org, waId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Meta.row("select count(*) from event_outbox where org_id = $1"
                + " and published_at is not null and payload like $2", org, "%123.456.789-00%").getLong(0) > 0);
        String admin = TestTokens.member(org, "ORG_ADMIN");
        given().auth().oauth2(TestTokens.member(org, "ORG_AGENT")).when().post("/api/contacts/{id}/erasure", contact)
                .then().statusCode(403);

        UUID erasure;
        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound")) {
            Response requested = given().auth().oauth2(admin).when().post("/api/contacts/{id}/erasure", contact);
            assertThat(requested.statusCode()).isEqualTo(202);
            erasure = UUID.fromString(requested.jsonPath().getString("id"));
            assertThat(requested.header("Location")).endsWith("/api/contacts/erasures/" + erasure);
            assertThat(requested.jsonPath().getString("status")).isEqualTo("IN_PROGRESS");
            assertThat(requested.jsonPath().getMap("confirmed")).containsOnlyKeys("whatsapp-gateway");
            assertThat(requested.jsonPath().getList("waitingFor", String.class))
                    .containsExactly("memory-service", "flow-service", "tenant-service");

            ConsumerRecord<String, String> asked = inbound.awaitRecord(r -> r.value().contains(erasure.toString()), Duration.ofSeconds(15));
            assertThat(KafkaProbe.header(asked, "ce_type")).contains("ft9.whatsapp.contact.erasure_requested.v1");
            assertThat(asked.key()).as("keyed like the contact's messages, so it comes after them").isEqualTo(org + ":" + waId);
            assertThat(JsonPath.from(asked.value()).getString("waId")).isEqualTo(waId);
        }
        // The gateway kept nothing of them: no text, no Meta object, no number, no name; the rows stay for counts.
        assertThat(Meta.row("select count(*) from message where org_id = $1 and contact_id = $2", org, contact).getLong(0)).isEqualTo(1);
        assertThat(Meta.row("select count(*) from message where org_id = $1 and contact_id = $2 and (text is not null or payload <> '{}')",
                org, contact).getLong(0)).isZero();
        assertThat(Meta.row("select wa_id, profile_name, erased_at is not null from contact where id = $1", contact).getString(0))
                .startsWith("erased:");
        assertThat(Meta.row("select status from conversation where contact_id = $1", contact).getString(0)).isEqualTo("CLOSED");
        assertThat(Meta.row("select count(*) from event_outbox where org_id = $1 and published_at is not null and payload like $2",
                org, "%123.456.789-00%").getLong(0)).isZero();
        given().auth().oauth2(admin).when().post("/api/contacts/{id}/erasure", contact).then().statusCode(409);

        try (CloudEventSender kafka = new CloudEventSender()) {
            confirms(kafka, "ft9.memory.events", "ft9.memory.contact.erased.v1", "memory-service", org, erasure, contact);
            confirms(kafka, "ft9.flow.events", "ft9.flow.contact.erased.v1", "flow-service", org, erasure, contact);
            JsonPath partly = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(admin).when()
                    .get("/api/contacts/erasures/{id}", erasure).then().statusCode(200).extract().jsonPath(),
                    j -> j.getList("waitingFor").equals(List.of("tenant-service")));
            assertThat(partly.getString("status")).isEqualTo("IN_PROGRESS");
            confirms(kafka, "ft9.tenant.events", "ft9.tenant.contact.erased.v1", "tenant-service", org, erasure, contact);
        }
        JsonPath done = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(admin).when()
                .get("/api/contacts/erasures/{id}", erasure).then().statusCode(200).extract().jsonPath(),
                j -> "COMPLETE".equals(j.getString("status")));
        assertThat(done.getMap("confirmed")).containsOnlyKeys("whatsapp-gateway", "memory-service", "flow-service", "tenant-service");
        assertThat(done.getString("completedAt")).isNotNull();
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).when().get("/api/contacts/erasures/{id}", erasure)
                .then().statusCode(404);

        // The same number writing again is someone new to the clinic; the erased contact is not listed any more.
        Meta.contactWrites(number, waId, "Oi de novo");
        UUID again = contactOf(org, waId);
        assertThat(again).isNotEqualTo(contact);
        assertThat(given().auth().oauth2(admin).queryParam("size", 100).when().get("/api/contacts").then().statusCode(200).extract()
                .jsonPath().getList("items.id", String.class)).contains(again.toString()).doesNotContain(contact.toString());
    }
}
