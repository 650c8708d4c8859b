package br.ft9.flow.api;

import static br.ft9.flow.support.Flows.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.testing.CloudEventSender;
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
    private static final String PERSON = """
            {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["pessoa"]},
             "steps": [{"type": "handoff_to_human", "reason": "pediu uma pessoa"}]}""";
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
            assertThat(first.path("claims").get(0).path("keywords").toString()).as("kept folded, as they are compared").isEqualTo("[\"horario\",\"que horas abre\"]");

            // an automation that only tags answers nothing: the assistant still answers its messages
            String tags = Flows.automation(clinic, TAG_ONLY, false);
            assertThat(announced(automations, clinic).path("claims")).hasSize(1);
            // and its page says so, as the keyword reply's says that the assistant leaves its messages to it
            as(clinic, "ORG_AGENT").when().get("/api/automations/{id}", hours).then().statusCode(200)
                    .body("assistantStaysSilent", is(true));
            as(clinic, "ORG_AGENT").when().get("/api/automations/{id}", tags).then().statusCode(200)
                    .body("assistantStaysSilent", is(false));

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
    void past_the_plans_runs_the_claims_are_withdrawn_the_refused_message_goes_to_the_team_and_a_bigger_plan_brings_them_back() throws Exception {
        UUID clinic = UUID.randomUUID();
        String waId = "5581911119001";
        try (CloudEventSender kafka = new CloudEventSender(); KafkaProbe automations = KafkaProbe.tail("ft9.flow.automations");
                KafkaProbe events = KafkaProbe.tail("ft9.flow.events")) {
            limits(kafka, clinic, 1);
            Flows.automation(clinic, HOURS_REPLY, false);
            assertThat(announced(automations, clinic).path("claims")).hasSize(1);
            Flows.automation(clinic, PERSON, false);
            assertThat(announced(automations, clinic).path("claims")).hasSize(2);

            // The month's one run answers the first question; the second is refused, the third too.
            String[] asked = new String[3];
            for (int i = 0; i < asked.length; i++) {
                asked[i] = Flows.received(clinic, waId, "Ana", "qual o horário?");
                kafka.send("ft9.whatsapp.inbound", clinic + ":" + waId, UUID.randomUUID().toString(), "ft9.whatsapp.message.received.v1",
                        "whatsapp-gateway", clinic.toString(), asked[i]);
            }
            assertThat(announced(automations, clinic).path("claims")).as("withdrawn: the assistant answers them now").isEmpty();
            JsonNode refused = handOff(events, clinic, waId);
            assertThat(refused.path("reason").asText()).isEqualTo("the plan's automation runs for this month are used up");
            assertThat(refused.path("messageId").asText()).isEqualTo(JSON.readTree(asked[1]).path("messageId").asText());
            assertThat(Flows.row("select withdrawn_period from claims_announced where org_id = $1", clinic).getString(0)).isNotNull();

            limits(kafka, clinic, 100);
            assertThat(announced(automations, clinic).path("claims")).as("a bigger plan: runs are left").hasSize(2);
            assertThat(Flows.row("select withdrawn_period from claims_announced where org_id = $1", clinic).getString(0)).isNull();

            // The contact's next hand-off (same key, in order) is the automation's: the third question, refused once the
            // claims were withdrawn, was left to the assistant and not handed off.
            Flows.contactWrites(kafka, clinic, waId, "Ana", "quero falar com uma pessoa");
            assertThat(handOff(events, clinic, waId).path("reason").asText()).isEqualTo("pediu uma pessoa");
        }
    }

    @Test
    void claims_withdrawn_in_an_earlier_month_are_announced_again_once_the_new_months_runs_begin() {
        UUID clinic = UUID.randomUUID();
        try (KafkaProbe automations = KafkaProbe.tail("ft9.flow.automations")) {
            Flows.automation(clinic, HOURS_REPLY, false);
            assertThat(announced(automations, clinic).path("claims")).hasSize(1);
            // as the first refused run of a past month left it
            Flows.execute("update claims_announced set withdrawn_period = '2000-01' where org_id = $1", clinic);
            assertThat(announced(automations, clinic).path("claims")).hasSize(1);
        }
        assertThat(Flows.row("select withdrawn_period from claims_announced where org_id = $1", clinic).getString(0)).isNull();
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

    /** tenant-service announcing the organisation's plan, with its automation runs a month; awaits flow's copy. */
    private static void limits(CloudEventSender kafka, UUID orgId, int runsPerMonth) {
        kafka.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(), "ft9.tenant.limits.changed.v1", "tenant-service",
                orgId.toString(), ("{\"orgId\":\"%s\",\"plan\":\"STARTER\",\"messagesPerMonth\":1000,\"knowledgeItems\":100,"
                        + "\"automations\":5,\"seats\":3,\"automationRunsPerMonth\":%d}").formatted(orgId, runsPerMonth));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from organization_profile"
                + " where org_id = $1 and runs_per_month_limit = $2", orgId, runsPerMonth).getLong(0) == 1);
    }

    /** The contact's next hand-off request's data. */
    private static JsonNode handOff(KafkaProbe events, UUID orgId, String waId) {
        return data(events.awaitRecord(r -> (orgId + ":" + waId).equals(r.key())
                && "ft9.flow.conversation.handoff_requested.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20)));
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
