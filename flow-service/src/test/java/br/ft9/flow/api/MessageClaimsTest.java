package br.ft9.flow.api;

import static br.ft9.flow.support.Flows.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** flow-service tells memory-service which messages its automations answer by themselves, at every change that matters. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class MessageClaimsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOURS_REPLY = """
            {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["horário", "que horas abre"]},
             "steps": [{"type": "send_whatsapp", "text": "Atendemos das 8h às 18h."}]}""";
    private static final String TAG_ONLY = """
            {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["preço"]},
             "steps": [{"type": "add_tag", "tag": "interessado"}]}""";

    @Test
    void activating_changing_and_pausing_a_keyword_reply_announces_the_organisations_whole_set_of_claims_each_time() {
        UUID clinic = UUID.randomUUID();
        try (KafkaProbe automations = KafkaProbe.tail("ft9.flow.automations")) {
            String hours = Flows.automation(clinic, HOURS_REPLY, false);
            JsonNode first = announced(automations, clinic);
            assertThat(first.path("claims")).hasSize(1);
            assertThat(first.path("claims").get(0).path("automationId").asText()).isEqualTo(hours);
            assertThat(first.path("claims").get(0).path("match").asText()).isEqualTo("keyword");
            assertThat(first.path("claims").get(0).path("keywords").toString()).isEqualTo("[\"horário\",\"que horas abre\"]");

            // an automation that only tags answers nothing: the assistant still answers its messages
            Flows.automation(clinic, TAG_ONLY, false);
            assertThat(announced(automations, clinic).path("claims")).hasSize(1);

            // once per contact, it may decline a message: it claims none
            as(clinic, "ORG_ADMIN").body("{\"oncePerContact\":true}").when().patch("/api/automations/{id}", hours).then().statusCode(200);
            assertThat(announced(automations, clinic).path("claims")).isEmpty();
            as(clinic, "ORG_ADMIN").body("{\"oncePerContact\":false}").when().patch("/api/automations/{id}", hours).then().statusCode(200);
            assertThat(announced(automations, clinic).path("claims")).hasSize(1);

            as(clinic, "ORG_ADMIN").body("{\"status\":\"PAUSED\"}").when().patch("/api/automations/{id}", hours).then().statusCode(200);
            assertThat(announced(automations, clinic).path("claims")).isEmpty();
        }
        assertThat(Flows.row("select count(*) from claims_announced where org_id = $1", clinic).getLong(0)).isEqualTo(1);
    }

    @Test
    void an_organisation_whose_keyword_replies_predate_the_announcement_is_announced_without_any_change() {
        UUID clinic = UUID.randomUUID();
        try (KafkaProbe automations = KafkaProbe.tail("ft9.flow.automations")) {
            // as a migrated database holds it: an active automation, written before claims were announced
            Flows.execute("insert into automation (id, org_id, name, status, version, trigger_type, definition, webhook_secret,"
                    + " created_at, updated_at) values ($1, $2, 'Horário', 'ACTIVE', 1, 'message_received', $3, 'x', now(), now())",
                    UUID.randomUUID(), clinic, HOURS_REPLY);
            JsonNode announced = announced(automations, clinic);
            assertThat(announced.path("claims").get(0).path("automationName").asText()).isEqualTo("Horário");
        }
    }

    /** The organisation's next announcement's data. */
    private static JsonNode announced(KafkaProbe automations, UUID orgId) {
        return data(automations.awaitRecord(r -> orgId.toString().equals(r.key())
                && "ft9.flow.message_claims.changed.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20)));
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            JsonNode value = JSON.readTree(record.value());
            return value.has("data") ? value.path("data") : value;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
