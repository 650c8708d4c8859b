package br.ft9.flow.events;

import static br.ft9.flow.support.Flows.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A contact's data in flow-service (their fields and tags, their automation runs' data): given whole for their export,
 * and erased on the gateway's request, confirmed by an event; the runs stay, anonymous, for counts.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class ContactErasureTest {

    private static JsonPath export(UUID orgId, UUID contactId, String waId) {
        return as(orgId, "ORG_ADMIN").body("{\"contactId\":\"" + contactId + "\",\"waId\":\"" + waId + "\"}").when()
                .post("/api/automations/contact-exports").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_contacts_fields_tags_and_runs_are_exported_then_erased_on_request_and_the_erasure_is_confirmed() {
        UUID clinic = UUID.randomUUID();
        UUID maria = UUID.randomUUID();
        String mariasNumber = "5581933334001";
        String joaosNumber = "5581933334002";
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "set_contact_field", "field": "convenio", "value": "Unimed"},
                 {"type": "add_tag", "tag": "paciente"}]}""", false);
        try (CloudEventSender kafka = new CloudEventSender(); KafkaProbe flowEvents = KafkaProbe.tail("ft9.flow.events")) {
            Flows.contactWrites(kafka, clinic, mariasNumber, "Maria", "Oi, aceitam Unimed?");
            Flows.contactWrites(kafka, clinic, joaosNumber, "João", "Bom dia");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Flows.row("select count(*) from run where automation_id = $1"
                    + " and status = 'SUCCEEDED'", UUID.fromString(automation)).getLong(0) == 2);

            JsonPath before = export(clinic, maria, mariasNumber);
            assertThat(before.getString("profile.name")).isEqualTo("Maria");
            assertThat(before.getString("profile.fields.convenio")).isEqualTo("Unimed");
            assertThat(before.getList("profile.tags", String.class)).containsExactly("paciente");
            assertThat(before.getList("runs")).hasSize(1);
            assertThat(before.getString("runs[0].facts.trigger.text")).isEqualTo("Oi, aceitam Unimed?");
            assertThat(before.getList("runs[0].steps.type", String.class)).containsExactly("set_contact_field", "add_tag");
            as(clinic, "ORG_AGENT").body("{\"contactId\":\"" + maria + "\",\"waId\":\"" + mariasNumber + "\"}").when()
                    .post("/api/automations/contact-exports").then().statusCode(403);

            UUID erasure = UUID.randomUUID();
            kafka.send("ft9.whatsapp.inbound", clinic + ":" + mariasNumber, UUID.randomUUID().toString(),
                    "ft9.whatsapp.contact.erasure_requested.v1", "whatsapp-gateway", clinic.toString(),
                    ("{\"erasureId\":\"%s\",\"orgId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"requestedAt\":\"2026-11-30T12:00:00Z\"}")
                            .formatted(erasure, clinic, maria, mariasNumber));
            ConsumerRecord<String, String> confirmed = flowEvents.awaitRecord(r -> r.value().contains(erasure.toString()),
                    Duration.ofSeconds(30));
            assertThat(KafkaProbe.header(confirmed, "ce_type")).contains("ft9.flow.contact.erased.v1");
            assertThat(JsonPath.from(confirmed.value()).getString("service")).isEqualTo("flow-service");
        }
        JsonPath after = export(clinic, maria, mariasNumber);
        assertThat(after.getString("profile")).isNull();
        assertThat(after.getList("runs")).isEmpty();
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and status = 'SUCCEEDED'", UUID.fromString(automation))
                .getLong(0)).as("both runs still counted").isEqualTo(2);
        assertThat(Flows.row("select count(*) from run where org_id = $1 and facts like $2", clinic, "%" + mariasNumber + "%")
                .getLong(0)).isZero();
        assertThat(Flows.row("select count(*) from run_step s join run r on r.id = s.run_id where r.org_id = $1"
                + " and (s.input like '%Unimed%' or s.output like '%Unimed%') and r.contact_wa_id is null", clinic).getLong(0)).isZero();
        assertThat(export(clinic, UUID.randomUUID(), joaosNumber).getString("profile.name")).isEqualTo("João");
    }
}
