package br.ft9.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.AuditEntries;
import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.MovableClock;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The inbox an organisation's people use, over HTTP with real tokens: reading and answering conversations,
 * hand-off silencing the bot, assignment by role, closing, opt-out, media on demand, and isolation between
 * organisations.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class InboxTest {

    private static CloudEventSender kafka;

    @Inject
    MovableClock clock;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }


    private static long sentTo(Meta.Number number) {
        return GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo("/v23.0/" + number.phoneNumberId() + "/messages")))
                .size();
    }

    /** A member of the organisation, as auth-service's user event makes them known to the gateway. */
    private static UUID member(UUID orgId, String role) {
        return member(orgId, role, "ACTIVE");
    }

    private static UUID member(UUID orgId, String role, String status) {
        UUID userId = UUID.randomUUID();
        userEvent("ft9.auth.user.created.v1", userId, orgId, role, status);
        return userId;
    }

    private static void userEvent(String type, UUID userId, UUID orgId, String role, String status) {
        kafka.send("ft9.auth.events", orgId.toString(), UUID.randomUUID().toString(), type, "auth-service",
                orgId.toString(), "{\"userId\":\"%s\",\"orgId\":\"%s\",\"email\":\"%s@clinic.test\",\"role\":\"%s\",\"status\":\"%s\"}"
                        .formatted(userId, orgId, userId, role, status));
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> Meta.row("select 1 from org_member where user_id = $1 and status = $2", userId, status) != null);
    }

    @Test
    void a_member_invited_but_not_yet_accepted_cannot_be_assigned_until_auth_service_says_they_accepted() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID conversation = Meta.conversationOf(number, contact);
        UUID invited = member(number.orgId(), "ORG_AGENT", "INVITED");
        String manager = TestTokens.member(number.orgId(), "ORG_MANAGER");

        as(manager).body("{\"assigneeId\":\"" + invited + "\"}").when().post("/api/conversations/{id}/assign", conversation)
                .then().statusCode(400).contentType("application/problem+json").body(containsString("assigneeId"));

        userEvent("ft9.auth.user.activated.v1", invited, number.orgId(), "ORG_AGENT", "ACTIVE");
        as(manager).body("{\"assigneeId\":\"" + invited + "\"}").when().post("/api/conversations/{id}/assign", conversation)
                .then().statusCode(200).body("assignedUserId", equalTo(invited.toString()));
    }

    @Test
    void the_inbox_lists_open_conversations_most_recent_first_with_paging_and_search() {
        Meta.Number number = Meta.connectedNumber();
        String first = Meta.waId();
        String second = Meta.waId();
        String third = Meta.waId();
        Meta.contactWrites(number, first, "Bom dia");
        Meta.contactWrites(number, second, "Boa tarde");
        Meta.contactWrites(number, third, "Boa noite");
        Meta.execute("update conversation set last_message_at = now() - interval '1 hour' where org_id = $1"
                + " and contact_id = (select id from contact where org_id = $1 and wa_id = $2)", number.orgId(), first);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");

        as(agent).queryParam("size", 2).when().get("/api/conversations").then().statusCode(200)
                .body("total", equalTo(3)).body("size", equalTo(2)).body("items.size()", equalTo(2))
                .body("items.contact.waId", not(hasItem(first)));
        as(agent).queryParam("size", 2).queryParam("page", 1).when().get("/api/conversations").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].contact.waId", equalTo(first))
                .body("items[0].lastMessageText", equalTo("Bom dia")).body("items[0].mode", equalTo("BOT"))
                .body("items[0].serviceWindowEndsAt", not(nullValue()));
        as(agent).queryParam("q", second.substring(5)).when().get("/api/conversations").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].contact.waId", equalTo(second))
                .body("items[0].contact.profileName", equalTo("Sheena Nelson"));
        as(agent).queryParam("status", "sideways").when().get("/api/conversations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status"));
    }

    @Test
    void an_agents_reply_takes_the_conversation_over_leaves_through_the_graph_api_and_is_announced_with_its_text() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Preciso remarcar minha consulta");
        UUID conversation = Meta.conversationOf(number, contact);
        UUID agentId = UUID.randomUUID();
        String agent = TestTokens.member(agentId, number.orgId(), "ORG_AGENT");

        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound")) {
            String messageId = as(agent).body("{\"text\":\"Claro! Qual dia fica melhor?\"}")
                    .when().post("/api/conversations/{id}/messages", conversation).then().statusCode(202)
                    .body("direction", equalTo("OUT")).body("origin", equalTo("agent")).body("status", equalTo("queued"))
                    .body("sentByUserId", equalTo(agentId.toString())).extract().path("id");

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "accepted".equals(
                    Meta.row("select status from message where id = $1", UUID.fromString(messageId)).getString("status")));
            var taken = inbound.awaitRecord(r -> "ft9.whatsapp.conversation.taken_over.v1".equals(KafkaProbe.cloudEvent(r).get("type"))
                    && r.value().contains(conversation.toString()), Duration.ofSeconds(15));
            assertThat(taken.key()).isEqualTo(number.orgId() + ":" + contact);
            var replied = inbound.awaitRecord(r -> "ft9.whatsapp.conversation.agent_replied.v1".equals(KafkaProbe.cloudEvent(r)
                    .get("type")) && r.value().contains(conversation.toString()), Duration.ofSeconds(15));
            assertThat(replied.key()).isEqualTo(number.orgId() + ":" + contact);
            assertThat(replied.value()).contains("\"text\":\"Claro! Qual dia fica melhor?\"").contains(messageId)
                    .contains(agentId.toString());
        }
        assertThat(sentTo(number)).isEqualTo(1);
        as(agent).when().get("/api/conversations/{id}", conversation).then().statusCode(200)
                .body("mode", equalTo("HUMAN")).body("assignedUserId", equalTo(agentId.toString()))
                .body("lastMessageText", equalTo("Claro! Qual dia fica melhor?"));
        as(agent).when().get("/api/conversations/{id}/messages", conversation).then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].direction", equalTo("OUT")).body("items[0].status", equalTo("accepted"))
                .body("items[1].text", equalTo("Preciso remarcar minha consulta"));
        as(agent).body("{\"text\":\"   \"}").when().post("/api/conversations/{id}/messages", conversation).then().statusCode(400)
                .contentType("application/problem+json").body(containsString("text"));
    }

    @Test
    void an_automatic_reply_to_a_message_that_came_while_a_person_had_the_conversation_is_not_sent_after_the_release() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID conversation = Meta.conversationOf(number, contact);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");
        as(agent).when().post("/api/conversations/{id}/take-over", conversation).then().statusCode(200);
        String wamid = Meta.contactWrites(number, contact, "Vocês abrem amanhã?");
        UUID cameToPerson = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            var row = Meta.row("select id from message where wa_message_id = $1", wamid);
            return row == null ? null : row.getUUID("id");
        }, id -> id != null);
        as(agent).when().post("/api/conversations/{id}/release", conversation).then().statusCode(200).body("mode", equalTo("BOT"));

        // An automation's reply to that message arrives after the release: the person was answering it, so it stays.
        UUID late = Commands.send(kafka, number.orgId(), contact, "flow",
                Commands.text("Recebemos sua mensagem fora do horário.") + ",\"inReplyToMessageId\":\"" + cameToPerson + "\"");
        var outcome = Commands.awaitOutcome(late);
        assertThat(outcome.getString("status")).isEqualTo("suppressed");
        assertThat(sentTo(number)).isZero();
        UUID fresh = Commands.send(kafka, number.orgId(), contact, "flow", Commands.text("Posso ajudar?"));
        assertThat(Commands.awaitOutcome(fresh).getString("status")).as("a reply to nothing in particular, after the release")
                .isEqualTo("accepted");
    }

    @Test
    void a_conversation_taken_over_silences_the_bot_until_it_is_released() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Quero falar com uma pessoa");
        UUID conversation = Meta.conversationOf(number, contact);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");

        as(agent).when().post("/api/conversations/{id}/take-over", conversation).then().statusCode(200).body("mode", equalTo("HUMAN"));
        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound")) {
            String wamid = Meta.contactWrites(number, contact, "Alô?");
            var received = inbound.awaitRecord(r -> r.value().contains(wamid), Duration.ofSeconds(15));
            assertThat(received.value()).contains("\"conversationMode\":\"HUMAN\"");
        }
        UUID botAnswer = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Posso ajudar?"));
        var suppressed = Commands.awaitOutcome(botAnswer);
        assertThat(suppressed.getString("status")).isEqualTo("suppressed");
        assertThat(suppressed.getString("status_reason")).contains("taken over");
        assertThat(sentTo(number)).isZero();

        as(agent).when().post("/api/conversations/{id}/release", conversation).then().statusCode(200)
                .body("mode", equalTo("BOT")).body("assignedUserId", nullValue());
        assertThat(AuditEntries.of(number.orgId()).stream().map(e -> e.path("action").asText() + " by " + e.path("actorRole").asText()
                + ": " + e.path("before").path("mode").asText() + " -> " + e.path("after").path("mode").asText()))
                .containsExactly("conversation.taken_over by ORG_AGENT: BOT -> HUMAN", "conversation.released by ORG_AGENT: HUMAN -> BOT");
        UUID afterRelease = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Posso ajudar?"));
        assertThat(Commands.awaitOutcome(afterRelease).getString("status")).isEqualTo("accepted");
        assertThat(sentTo(number)).isEqualTo(1);
    }

    @Test
    void a_handoff_requested_by_the_assistant_hands_the_conversation_to_people() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Meu exame deu alterado, o que faço?");
        UUID conversation = Meta.conversationOf(number, contact);

        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound")) {
            kafka.send("ft9.memory.events", number.orgId() + ":" + contact, UUID.randomUUID().toString(),
                    "ft9.memory.conversation.handoff_requested.v1", "memory-service", number.orgId().toString(),
                    "{\"orgId\":\"%s\",\"conversationId\":\"%s\",\"reason\":\"no relevant knowledge\",\"message\":\"Vou chamar a recepção.\"}"
                            .formatted(number.orgId(), conversation));
            inbound.awaitRecord(r -> "ft9.whatsapp.conversation.handoff_requested.v1".equals(KafkaProbe.cloudEvent(r).get("type"))
                    && r.value().contains(conversation.toString()), Duration.ofSeconds(15));
        }
        as(TestTokens.member(number.orgId(), "ORG_AGENT")).queryParam("mode", "human").queryParam("assignee", "none")
                .when().get("/api/conversations").then().statusCode(200)
                .body("items[0].id", equalTo(conversation.toString())).body("items[0].handoffReason", equalTo("no relevant knowledge"));
        UUID botAnswer = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Talvez..."));
        assertThat(Commands.awaitOutcome(botAnswer).getString("status")).isEqualTo("suppressed");
        // The contact was told, by the platform, although the bot is silent.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "accepted".equals(Meta.row(
                "select status from message where conversation_id = $1 and origin = 'system'", conversation).getString("status")));
        assertThat(GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo("/v23.0/" + number.phoneNumberId() + "/messages")))
                .get(0).getBodyAsString()).contains("Vou chamar a recepção.");
        assertThat(sentTo(number)).isEqualTo(1);
    }

    @Test
    void an_automations_handoff_step_hands_the_conversation_to_people_too() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "quero falar com um atendente");
        UUID conversation = Meta.conversationOf(number, contact);
        kafka.send("ft9.flow.events", number.orgId() + ":" + contact, UUID.randomUUID().toString(),
                "ft9.flow.conversation.handoff_requested.v1", "flow-service", number.orgId().toString(),
                "{\"orgId\":\"%s\",\"waId\":\"%s\",\"reason\":\"the contact asked for a person\",\"message\":\"Já vou chamar alguém.\"}"
                        .formatted(number.orgId(), contact));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "HUMAN".equals(
                Meta.row("select mode from conversation where id = $1", conversation).getString("mode")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Meta.row(
                "select status from message where conversation_id = $1 and origin = 'system'", conversation) != null);
    }

    @Test
    void sair_opts_the_contact_out_nothing_reaches_them_and_voltar_opts_them_back_in() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID conversation = Meta.conversationOf(number, contact);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");

        try (KafkaProbe inbound = KafkaProbe.tail("ft9.whatsapp.inbound")) {
            String sair = Meta.contactWrites(number, contact, "Sair");
            var optedOut = inbound.awaitRecord(r -> "ft9.whatsapp.contact.opted_out.v1".equals(KafkaProbe.cloudEvent(r).get("type"))
                    && r.value().contains(contact), Duration.ofSeconds(15));
            assertThat(optedOut.key()).isEqualTo(number.orgId() + ":" + contact);
            assertThat(Meta.row("select count(*) from event_outbox where payload like '%' || $1 || '%'", sair).getLong(0))
                    .as("the keyword is not handed to the assistant").isZero();
        }
        UUID flowMessage = Commands.send(kafka, number.orgId(), contact, "flow", Commands.text("Promoção!"));
        var refused = Commands.awaitOutcome(flowMessage);
        assertThat(refused.getString("status")).isEqualTo("failed");
        assertThat(refused.getString("status_reason")).contains("opted out");
        as(agent).body("{\"text\":\"Tem certeza?\"}").when().post("/api/conversations/{id}/messages", conversation)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("opted out"));
        assertThat(sentTo(number)).isZero();

        Meta.contactWrites(number, contact, "VOLTAR");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Meta.row(
                "select opted_out from contact where org_id = $1 and wa_id = $2", number.orgId(), contact).getBoolean(0));
        UUID later = Commands.send(kafka, number.orgId(), contact, "flow", Commands.text("Bem-vinda de volta"));
        assertThat(Commands.awaitOutcome(later).getString("status")).isEqualTo("accepted");
    }

    @Test
    void an_agent_can_opt_a_contact_out_on_their_behalf() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Não quero mais receber mensagens, por favor");
        UUID contactId = Meta.row("select id from contact where org_id = $1 and wa_id = $2", number.orgId(), contact).getUUID(0);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");

        as(agent).when().post("/api/contacts/{id}/opt-out", contactId).then().statusCode(200).body("optedOut", equalTo(true));
        as(agent).when().get("/api/contacts/{id}", contactId).then().statusCode(200).body("optedOut", equalTo(true));
        as(agent).queryParam("q", contact).when().get("/api/contacts").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].optedOut", equalTo(true));
        as(agent).when().delete("/api/contacts/{id}/opt-out", contactId).then().statusCode(200).body("optedOut", equalTo(false));
    }

    @Test
    void managers_assign_conversations_to_members_of_their_own_organisation_and_agents_cannot() {
        Meta.Number number = Meta.connectedNumber();
        Meta.Number otherOrg = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID conversation = Meta.conversationOf(number, contact);
        UUID colleague = member(number.orgId(), "ORG_AGENT");
        UUID stranger = member(otherOrg.orgId(), "ORG_AGENT");
        String manager = TestTokens.member(number.orgId(), "ORG_MANAGER");

        as(TestTokens.member(number.orgId(), "ORG_AGENT")).body("{\"assigneeId\":\"" + colleague + "\"}")
                .when().post("/api/conversations/{id}/assign", conversation).then().statusCode(403);
        as(manager).body("{\"assigneeId\":\"" + stranger + "\"}").when().post("/api/conversations/{id}/assign", conversation)
                .then().statusCode(400).contentType("application/problem+json").body(containsString("assigneeId"));
        as(manager).body("{}").when().post("/api/conversations/{id}/assign", conversation).then().statusCode(400);
        as(manager).body("{\"assigneeId\":\"" + colleague + "\"}").when().post("/api/conversations/{id}/assign", conversation)
                .then().statusCode(200).body("assignedUserId", equalTo(colleague.toString())).body("mode", equalTo("HUMAN"));
        as(TestTokens.member(colleague, number.orgId(), "ORG_AGENT")).queryParam("assignee", "me").when().get("/api/conversations")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(conversation.toString()));
    }

    @Test
    void a_closed_conversation_takes_no_reply_and_the_contacts_next_message_opens_a_new_one() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Obrigado, era só isso");
        UUID conversation = Meta.conversationOf(number, contact);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");

        as(agent).when().post("/api/conversations/{id}/close", conversation).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedAt", not(nullValue()));
        as(agent).body("{\"text\":\"Até mais\"}").when().post("/api/conversations/{id}/messages", conversation).then().statusCode(409);
        as(agent).when().post("/api/conversations/{id}/take-over", conversation).then().statusCode(409);

        Meta.contactWrites(number, contact, "Oi de novo");
        UUID reopened = Meta.conversationOf(number, contact);
        assertThat(reopened).isNotEqualTo(conversation);
        as(agent).when().get("/api/conversations/{id}", reopened).then().statusCode(200).body("mode", equalTo("BOT"));
        as(agent).queryParam("status", "closed").when().get("/api/conversations").then().statusCode(200)
                .body("items.id", hasItem(conversation.toString()));
    }

    @Test
    void an_agents_reply_goes_out_until_24_hours_after_the_contacts_last_message_and_is_refused_after_that() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID conversation = Meta.conversationOf(number, contact);
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");
        try {
            clock.advance(Duration.ofHours(23).plusMinutes(58));
            String messageId = as(agent).body("{\"text\":\"Desculpe a demora\"}")
                    .when().post("/api/conversations/{id}/messages", conversation).then().statusCode(202).extract().path("id");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "accepted".equals(
                    Meta.row("select status from message where id = $1", UUID.fromString(messageId)).getString("status")));

            clock.advance(Duration.ofMinutes(3));
            as(agent).body("{\"text\":\"Ainda está aí?\"}")
                    .when().post("/api/conversations/{id}/messages", conversation).then().statusCode(409)
                    .body("detail", containsString("24-hour"));
        } finally {
            clock.reset();
        }
        assertThat(sentTo(number)).isEqualTo(1);
    }

    @Test
    void media_is_described_and_downloaded_through_the_graph_api_when_someone_opens_it() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        String wamid = Meta.wamid();
        Meta.deliver(Meta.payload("image", number.phoneNumberId(), contact, wamid, "Minha carteirinha"));
        UUID conversation = Meta.conversationOf(number, contact);
        UUID message = Meta.row("select id from message where wa_message_id = $1", wamid).getUUID(0);
        // Meta's short-lived URL (lookaside.fbsbx.com in production) is played by the same stub.
        String mediaUrl = GraphApiStub.server().baseUrl() + "/whatsapp_business/attachments/?mid=1003383421387256";
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/v23.0/1003383421387256")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"messaging_product\":\"whatsapp\","
                        + "\"url\":\"" + mediaUrl + "\","
                        + "\"mime_type\":\"image/jpeg\",\"sha256\":\"8y1MuHI1qOXUd3mWqG1VvMBJnJuaNzLcMpC8KT7/0rQ=\","
                        + "\"file_size\":\"303833\",\"id\":\"1003383421387256\"}")));
        byte[] picture = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F' };
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/whatsapp_business/attachments/"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + Meta.ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(picture)));
        String agent = TestTokens.member(number.orgId(), "ORG_AGENT");

        as(agent).when().get("/api/conversations/{c}/messages/{m}/media", conversation, message).then().statusCode(200)
                .body("mimeType", equalTo("image/jpeg")).body("fileSize", equalTo(303833))
                .body("url", equalTo(mediaUrl));
        byte[] downloaded = as(agent).when().get("/api/conversations/{c}/messages/{m}/media/content", conversation, message).then()
                .statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertThat(downloaded).isEqualTo(picture);
        assertThat(GraphApiStub.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/v23.0/1003383421387256"))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + Meta.ACCESS_TOKEN);

        String textWamid = Meta.contactWrites(number, contact, "Recebeu?");
        UUID text = Meta.row("select id from message where wa_message_id = $1", textWamid).getUUID(0);
        as(agent).when().get("/api/conversations/{c}/messages/{m}/media", conversation, text).then().statusCode(404);
    }

    @Test
    void another_organisations_people_can_neither_see_nor_touch_the_conversation() {
        Meta.Number number = Meta.connectedNumber();
        Meta.Number other = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Dados sensíveis");
        UUID conversation = Meta.conversationOf(number, contact);
        UUID contactId = Meta.row("select id from contact where org_id = $1 and wa_id = $2", number.orgId(), contact).getUUID(0);
        UUID message = Meta.row("select id from message where conversation_id = $1", conversation).getUUID(0);
        String intruder = TestTokens.member(other.orgId(), "ORG_ADMIN");

        as(intruder).when().get("/api/conversations").then().statusCode(200).body("total", equalTo(0));
        as(intruder).when().get("/api/conversations/{id}", conversation).then().statusCode(404);
        as(intruder).when().get("/api/conversations/{id}/messages", conversation).then().statusCode(404);
        as(intruder).body("{\"text\":\"Oi\"}").when().post("/api/conversations/{id}/messages", conversation).then().statusCode(404);
        for (String action : List.of("take-over", "release", "close")) {
            as(intruder).when().post("/api/conversations/{id}/" + action, conversation).then().statusCode(404);
        }
        as(intruder).body("{\"assigneeId\":\"" + UUID.randomUUID() + "\"}").when()
                .post("/api/conversations/{id}/assign", conversation).then().statusCode(400);
        as(intruder).when().get("/api/conversations/{c}/messages/{m}/media", conversation, message).then().statusCode(404);
        as(intruder).when().get("/api/conversations/{c}/messages/{m}/media/content", conversation, message).then().statusCode(404);
        as(intruder).when().get("/api/contacts/{id}", contactId).then().statusCode(404);
        as(intruder).when().post("/api/contacts/{id}/opt-out", contactId).then().statusCode(404);
        as(intruder).queryParam("q", contact).when().get("/api/contacts").then().statusCode(200).body("total", equalTo(0));

        String owner = TestTokens.member(number.orgId(), "ORG_ADMIN");
        as(owner).when().get("/api/conversations/{id}", conversation).then().statusCode(200).body("mode", equalTo("BOT"))
                .body("status", equalTo("OPEN"));
        assertThat(Meta.row("select count(*) from message where conversation_id = $1", conversation).getLong(0)).isEqualTo(1);
        given().when().get("/api/conversations").then().statusCode(401);
    }
}
