package br.ft9.gateway.domain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Send commands from Kafka to Meta's Graph API (a local stub): the window, retries, refusals, idempotency,
 * ordering, the per-number rate limit and the statuses Meta reports back.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class OutboundMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CloudEventSender kafka;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String messagesPath(Meta.Number number) {
        return "/v23.0/" + number.phoneNumberId() + "/messages";
    }

    private static final String UNAVAILABLE = "{\"error\":{\"message\":\"An unexpected error has occurred. Please retry your"
            + " request later.\",\"type\":\"OAuthException\",\"code\":2,\"fbtrace_id\":\"AmWq3bX0yJ7k\"}}";
    private static final String THROTTLED = "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
            + "\"code\":130429,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Cloud API message throughput"
            + " has been reached.\"},\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";

    /**
     * Meta answers 500 ("retry later", counted by the circuit breaker) to the number's next {@code times} sends, or to
     * those whose body holds {@code text}.
     */
    private static void metaIsDown(Meta.Number number, String text, int times) {
        metaAnswers(number, text, times, 500, UNAVAILABLE);
    }

    /** Meta answers 429 (its throughput reached: retried, not counted by the circuit breaker), as {@link #metaIsDown}. */
    private static void metaThrottles(Meta.Number number, String text, int times) {
        metaAnswers(number, text, times, 429, THROTTLED);
    }

    private static void metaAnswers(Meta.Number number, String text, int times, int status, String body) {
        String scenario = "answers-" + status + "-" + number.phoneNumberId();
        String state = STARTED;
        for (int i = 1; i <= times; i++) {
            var send = post(urlPathEqualTo(messagesPath(number))).atPriority(1);
            GraphApiStub.server().stubFor((text == null ? send : send.withRequestBody(containing(text))).inScenario(scenario)
                    .whenScenarioStateIs(state).willSetStateTo("answered-" + i)
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
            state = "answered-" + i;
        }
    }

    private static List<JsonNode> sentTo(Meta.Number number) {
        return GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo(messagesPath(number)))).stream()
                .map(OutboundMessagesTest::body).toList();
    }

    private static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_text_within_the_window_is_sent_with_the_organisations_token_and_its_statuses_only_move_forward() throws Exception {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Vocês abrem sábado?");

        UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Sim, das 8h às 12h."));
        Row sent = Commands.awaitOutcome(command);
        assertThat(sent.getString("status")).isEqualTo("accepted");
        assertThat(sent.getString("wa_message_id")).startsWith("wamid.");
        assertThat(sent.getString("delivery")).isEqualTo("graph");

        LoggedRequest request = GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo(messagesPath(number)))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Meta.ACCESS_TOKEN);
        JsonNode body = body(request);
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("to").asText()).isEqualTo(contact);
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Sim, das 8h às 12h.");

        String wamid = sent.getString("wa_message_id");
        assertThat(Meta.deliver(Meta.payload("status_read", number.phoneNumberId(), contact, wamid, null))).isEqualTo(200);
        assertThat(Meta.deliver(Meta.payload("status_delivered", number.phoneNumberId(), contact, wamid, null))).isEqualTo(200);
        assertThat(Meta.row("select status from message where command_id = $1", command).getString("status")).isEqualTo("read");
        assertThat(Meta.row("select count(*) from event_outbox where type = 'ft9.whatsapp.message.status.v1' and payload like $1",
                "%" + command + "%").getLong(0)).as("no status event while nothing reads them (StatusEventsTest turns them on)")
                .isZero();
    }

    @Test
    void a_reply_its_gateway_stopped_sending_in_the_middle_is_shown_as_not_sent_with_why_and_is_not_sent_again() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID interrupted = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Olá!"));
        UUID inFlight = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Em que posso ajudar?"));
        Commands.awaitOutcome(interrupted);
        Commands.awaitOutcome(inFlight);
        int sent = sentTo(number).size();

        // As a gateway killed between its claim and Meta's answer leaves them: one claimed long ago, one just now.
        Meta.execute("update message set status = 'sending', status_at = now() - interval '1 hour' where command_id = $1", interrupted);
        Meta.execute("update message set status = 'sending', status_at = now() where command_id = $1", inFlight);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(
                Meta.row("select status from message where command_id = $1", interrupted).getString("status")));
        assertThat(Meta.row("select status_reason from message where command_id = $1", interrupted).getString("status_reason"))
                .isEqualTo("the gateway stopped while sending it: it may not have reached the contact");
        assertThat(Meta.row("select status from message where command_id = $1", inFlight).getString("status"))
                .as("a sender may still hold it").isEqualTo("sending");
        assertThat(sentTo(number)).as("Meta may have taken it: never sent again").hasSize(sent);
    }

    @Test
    void meta_reporting_a_failed_delivery_records_its_reason() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Olá!"));
        String wamid = Commands.awaitOutcome(command).getString("wa_message_id");

        Meta.deliver(Meta.payload("status_failed", number.phoneNumberId(), contact, wamid, null));

        Row failed = Meta.row("select status, status_reason from message where command_id = $1", command);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("status_reason")).contains("131026").contains("could not be delivered");
    }

    @Test
    void a_free_form_message_outside_the_24_hour_window_fails_with_the_reason_and_a_template_still_goes() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Obrigada!");
        Meta.execute("update contact set last_inbound_at = now() - interval '25 hours' where org_id = $1 and wa_id = $2",
                number.orgId(), contact);

        UUID text = Commands.send(kafka, number.orgId(), contact, "flow", Commands.text("Lembrete da sua consulta"));
        Row refused = Commands.awaitOutcome(text);
        assertThat(refused.getString("status")).isEqualTo("failed");
        assertThat(refused.getString("status_reason")).contains("24-hour customer service window");

        UUID template = Commands.send(kafka, number.orgId(), contact, "flow",
                "\"kind\":\"template\",\"template\":{\"name\":\"appointment_reminder\",\"language\":\"pt_BR\","
                        + "\"bodyParameters\":[\"Maria\",\"terça, 10h\"]}");
        assertThat(Commands.awaitOutcome(template).getString("status")).isEqualTo("accepted");

        List<JsonNode> sent = sentTo(number);
        assertThat(sent).hasSize(1);
        JsonNode body = sent.get(0);
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("template").path("name").asText()).isEqualTo("appointment_reminder");
        assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("pt_BR");
        assertThat(body.path("template").path("components").path(0).path("parameters").path(1).path("text").asText())
                .isEqualTo("terça, 10h");
    }

    @Test
    void a_429_from_meta_is_retried_with_backoff_until_it_is_accepted() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        metaThrottles(number, null, 2);

        UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Olá!"));

        assertThat(Commands.awaitOutcome(command).getString("status")).isEqualTo("accepted");
        List<LoggedRequest> attempts = GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo(messagesPath(number))));
        assertThat(attempts).hasSize(3);
        long firstGap = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
        long secondGap = attempts.get(2).getLoggedDate().getTime() - attempts.get(1).getLoggedDate().getTime();
        assertThat(firstGap).as("waits before trying again").isGreaterThanOrEqualTo(100);
        assertThat(secondGap).as("and longer the second time (exponential backoff)").isGreaterThanOrEqualTo(300);
    }

    @Test
    void a_reply_waits_out_meta_failing_longer_than_one_calls_retries_and_leaves_once_meta_is_back() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        metaIsDown(number, null, 7); // one call tries 5 times: Meta stays down past the first call's retries

        UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Nosso horário é das 8h às 18h."));

        Row outcome = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Meta.row("select status, wa_message_id from message where command_id = $1", command),
                        row -> row != null && "accepted".equals(row.getString("status")));
        assertThat(outcome.getString("wa_message_id")).startsWith("wamid.");
        assertThat(GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo(messagesPath(number))))).as("7 refusals, then it")
                .hasSize(8);
        assertThat(Meta.row("select count(*) as n from message where command_id = $1", command).getLong("n")).isEqualTo(1);
    }

    @Test
    void a_validation_error_from_meta_is_not_retried_and_the_failure_is_recorded() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        GraphApiStub.refuseSendsFrom(number.phoneNumberId());

        UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Olá!"));
        Row failed = Commands.awaitOutcome(command);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("status_reason")).contains("Invalid parameter").contains("code 100");
        assertThat(sentTo(number)).hasSize(1);
    }

    @Test
    void the_same_command_delivered_twice_is_sent_once() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        UUID command = UUID.randomUUID();
        Commands.send(kafka, command, number.orgId(), contact, "bot", Commands.text("Uma vez só"));
        Commands.send(kafka, command, number.orgId(), contact, "bot", Commands.text("Uma vez só"));
        UUID marker = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Depois"));

        Commands.awaitOutcome(command);
        Commands.awaitOutcome(marker); // the same partition: the second copy was handled before this one
        assertThat(sentTo(number)).extracting(b -> b.path("text").path("body").asText()).containsExactly("Uma vez só", "Depois");
        assertThat(Meta.row("select count(*) from message where command_id = $1", command).getLong(0)).isEqualTo(1);
    }

    @Test
    void a_conversations_messages_leave_in_the_order_they_were_asked_for() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        List<UUID> commands = new java.util.ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            commands.add(Commands.send(kafka, number.orgId(), contact, "flow", Commands.text("Parte " + i)));
        }
        commands.forEach(Commands::awaitOutcome);
        assertThat(sentTo(number)).extracting(b -> b.path("text").path("body").asText())
                .containsExactly("Parte 1", "Parte 2", "Parte 3", "Parte 4", "Parte 5", "Parte 6", "Parte 7", "Parte 8");
    }

    @Test
    void commands_arriving_together_are_sent_in_order_each_once_though_meta_turns_one_away_for_a_while() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        // Meta turns the third away 7 times: more than one call's retries, so its batch is put back and applied again.
        metaIsDown(number, "Parte 3", 7);
        double together = batches("together");
        double alone = batches("one-at-a-time");

        List<UUID> commands = Commands.sendAtOnce(kafka, number.orgId(), contact, "flow",
                java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> Commands.text("Parte " + i)).toList());
        commands.forEach(command -> Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Meta.row("select status from message where command_id = $1", command),
                        row -> row != null && "accepted".equals(row.getString("status"))));

        List<String> parts = new java.util.ArrayList<>(List.of("Parte 1", "Parte 2"));
        parts.addAll(java.util.Collections.nCopies(8, "Parte 3")); // 7 refusals, then it
        parts.addAll(List.of("Parte 4", "Parte 5", "Parte 6", "Parte 7", "Parte 8"));
        assertThat(sentTo(number)).extracting(b -> b.path("text").path("body").asText()).containsExactlyElementsOf(parts);
        for (UUID command : commands) {
            assertThat(Meta.row("select count(*) from message where command_id = $1", command).getLong(0)).isEqualTo(1);
        }
        assertThat(batches("together") - together).as("fewer batches than commands").isBetween(1.0, 7.0);
        assertThat(batches("one-at-a-time") - alone).isZero();
    }

    @Test
    void the_messages_a_batch_did_not_send_are_still_sent_when_its_outcomes_cannot_be_recorded_together() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        // Meta never names two messages alike; here it does, so that the batch's outcomes cannot be committed together
        // (the unique key on the organisation's Meta ids), as a transaction failing for a reason of its own.
        String same = "wamid.HBgNNTUxMTk5OTk5OTk5ORUCABEYEjAwMDAwMDAwMDAwMDAwMDAwMAA=";
        String namedAlike = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + contact + "\",\"wa_id\":\""
                + contact + "\"}],\"messages\":[{\"id\":\"" + same + "\"}]}";
        for (String part : List.of("Parte 1", "Parte 2")) {
            GraphApiStub.server().stubFor(post(urlPathEqualTo(messagesPath(number))).atPriority(2)
                    .withRequestBody(containing(part))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(namedAlike)));
        }
        // Then Meta turns the third away past one call's retries: the batch records the first two and puts the rest back.
        metaThrottles(number, "Parte 3", 7);

        List<UUID> commands = Commands.sendAtOnce(kafka, number.orgId(), contact, "flow",
                java.util.stream.IntStream.rangeClosed(1, 4).mapToObj(i -> Commands.text("Parte " + i)).toList());
        for (UUID command : commands.subList(2, 4)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Meta.row("select status from message where command_id = $1", command),
                            row -> row != null && "accepted".equals(row.getString("status")));
        }

        assertThat(sentTo(number)).extracting(b -> b.path("text").path("body").asText())
                .filteredOn(text -> !"Parte 3".equals(text)).as("each message that left, once")
                .containsExactly("Parte 1", "Parte 2", "Parte 4");
        assertThat(Meta.row("select wa_message_id from message where command_id = $1", commands.get(0))
                .getString("wa_message_id")).isEqualTo(same);
        assertThat(Meta.row("select status from message where command_id = $1", commands.get(1)).getString("status"))
                .as("its outcome could not be recorded: it stays sending, for the interrupted check").isEqualTo("sending");
    }

    @Test
    void an_unreadable_command_read_with_others_goes_alone_to_the_dead_letter_topic_and_the_others_leave_in_order() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        double alone = batches("one-at-a-time");
        String key = number.orgId() + ":" + contact;
        UUID first = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        String poison = "{\"commandId\":\"" + UUID.randomUUID() + "\",\"orgId\":\"" + number.orgId() + "\",\"kind\":";
        try (br.ft9.common.testing.KafkaProbe dlq = br.ft9.common.testing.KafkaProbe.tail(Commands.TOPIC + ".dlq")) {
            kafka.sendAtOnce(Commands.TOPIC, List.of(
                    Commands.event(first, number.orgId(), contact, "flow", Commands.text("Primeira")),
                    new CloudEventSender.Event(key, UUID.randomUUID().toString(), Commands.TYPE, "flow-service",
                            number.orgId().toString(), poison),
                    Commands.event(last, number.orgId(), contact, "flow", Commands.text("Última"))));

            assertThat(Commands.awaitOutcome(first).getString("status")).isEqualTo("accepted");
            assertThat(Commands.awaitOutcome(last).getString("status")).isEqualTo("accepted");
            dlq.awaitRecord(r -> key.equals(r.key()) && poison.equals(r.value()), Duration.ofSeconds(20));
        }
        assertThat(sentTo(number)).extracting(b -> b.path("text").path("body").asText()).containsExactly("Primeira", "Última");
        assertThat(batches("one-at-a-time") - alone).as("its batch applied one at a time, so that only it is refused")
                .isGreaterThanOrEqualTo(1);
    }

    private static double batches(String applied) {
        Counter counter = Metrics.globalRegistry.find("ft9.inbox.batches").tag("consumer", "whatsapp-gateway-outbound")
                .tag("applied", applied).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void one_number_never_sends_faster_than_its_rate_limit() {
        // The test profile allows 5 messages per second per number: 16 messages need four separate seconds.
        Meta.Number number = Meta.connectedNumber();
        List<String> contacts = List.of(Meta.waId(), Meta.waId());
        contacts.forEach(c -> Meta.contactWrites(number, c, "Oi"));
        List<UUID> commands = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            commands.add(Commands.send(kafka, number.orgId(), contacts.get(i % 2), "flow", Commands.text("Aviso " + i)));
        }
        commands.forEach(Commands::awaitOutcome);

        List<LoggedRequest> requests = GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo(messagesPath(number))));
        assertThat(requests).hasSize(16);
        long first = requests.stream().mapToLong(r -> r.getLoggedDate().getTime()).min().orElseThrow();
        long last = requests.stream().mapToLong(r -> r.getLoggedDate().getTime()).max().orElseThrow();
        assertThat(last - first).as("16 messages at 5 per second span more than two seconds").isGreaterThan(2000);
    }

    @Test
    void a_suspended_organisations_command_is_refused_and_nothing_reaches_meta() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        Meta.execute("insert into organization (org_id, name, slug, time_zone, locale, status, updated_at) values ($1,"
                + " 'Clínica Suspensa', $2, 'America/Sao_Paulo', 'pt-BR', 'SUSPENDED', now())", number.orgId(),
                "suspensa-" + number.orgId());

        Row outcome = Commands.awaitOutcome(Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Olá!")));

        assertThat(outcome.getString("status")).isEqualTo("failed");
        assertThat(outcome.getString("status_reason")).contains("not active");
        assertThat(sentTo(number)).isEmpty();
    }

    @Test
    void a_command_for_a_number_of_another_organisation_is_not_sent_from_it() {
        Meta.Number mine = Meta.connectedNumber();
        Meta.Number theirs = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(mine, contact, "Oi");
        UUID command = UUID.randomUUID();
        String json = "\"kind\":\"text\",\"text\":\"Oi\",\"phoneNumberId\":\"" + theirs.phoneNumberId() + "\"";
        Commands.send(kafka, command, mine.orgId(), contact, "bot", json);

        Row outcome = Commands.awaitOutcome(command);
        assertThat(outcome.getString("status")).isEqualTo("failed");
        assertThat(outcome.getString("status_reason")).contains("no connected WhatsApp number");
        assertThat(sentTo(theirs)).isEmpty();
    }

    @Test
    void an_interactive_list_goes_out_in_metas_shape_and_a_malformed_one_fails_before_meta() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Quero marcar");
        UUID list = Commands.send(kafka, number.orgId(), contact, "flow", "\"kind\":\"interactive\",\"interactive\":{"
                + "\"style\":\"list\",\"body\":\"Escolha um horário\",\"buttonLabel\":\"Horários\",\"options\":["
                + "{\"id\":\"slot-1\",\"title\":\"Terça 10h\",\"description\":\"Dra. Lima\"},{\"id\":\"slot-2\",\"title\":\"Quarta 14h\"}]}");
        UUID tooMany = Commands.send(kafka, number.orgId(), contact, "flow", "\"kind\":\"interactive\",\"interactive\":{"
                + "\"style\":\"buttons\",\"body\":\"?\",\"options\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":\"B\"},"
                + "{\"id\":\"c\",\"title\":\"C\"},{\"id\":\"d\",\"title\":\"D\"}]}");

        assertThat(Commands.awaitOutcome(list).getString("status")).isEqualTo("accepted");
        Row refused = Commands.awaitOutcome(tooMany);
        assertThat(refused.getString("status")).isEqualTo("failed");
        assertThat(refused.getString("status_reason")).isEqualTo("reply buttons are 1 to 3");

        List<JsonNode> sent = sentTo(number);
        assertThat(sent).hasSize(1);
        JsonNode interactive = sent.get(0).path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("list");
        assertThat(interactive.path("action").path("button").asText()).isEqualTo("Horários");
        assertThat(interactive.path("action").path("sections").path(0).path("rows").path(1).path("id").asText()).isEqualTo("slot-2");
    }
}
