package br.ft9.flow.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.flow.domain.Facts;
import br.ft9.flow.domain.StepRefused;
import br.ft9.flow.domain.definition.AddTag;
import br.ft9.flow.domain.definition.AiGenerate;
import br.ft9.flow.domain.definition.CallWebhook;
import br.ft9.flow.domain.definition.Delay;
import br.ft9.flow.domain.definition.HandoffToHuman;
import br.ft9.flow.domain.definition.SendEmail;
import br.ft9.flow.domain.definition.SendWhatsApp;
import br.ft9.flow.domain.definition.SetContactField;
import br.ft9.flow.domain.definition.Template;
import br.ft9.flow.events.FlowEvents;
import io.smallrye.mutiny.Uni;

/** Each kind of step performed against ports played in memory: what it does and the outcome it returns, without Quarkus. */
class StepExecutorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000c11c");
    private static final UUID CONTACT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final String WA = "5581999990000";

    private final Contacts contacts = new Contacts();
    private final Messages messages = new Messages();

    private static StepContext run(String facts) {
        try {
            return new StepContext(UUID.fromString("00000000-0000-0000-0000-000000000001"), ORG, 2, WA, Facts.of(JSON.readTree(facts)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final StepContext ANA = run("{\"trigger\": {\"text\": \"quero marcar\"}, \"contact\": {\"name\": \"Ana\", \"contactId\": \""
            + CONTACT + "\"}}");

    private static StepOutcome outcome(Uni<StepOutcome> performing) {
        return performing.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void a_text_within_the_window_becomes_one_send_command_named_by_the_run_and_step() {
        contacts.reach = new RunContacts.Reach(false, true);
        SendWhatsAppExecutor executor = new SendWhatsAppExecutor(contacts, messages, JSON);
        StepOutcome first = outcome(executor.perform(new SendWhatsApp("Olá {{contact.name}}!", null, null), ANA));
        outcome(executor.perform(new SendWhatsApp("Olá {{contact.name}}!", null, null), ANA));

        assertThat(first).isInstanceOf(StepOutcome.Done.class);
        assertThat(messages.sent).hasSize(2).allSatisfy(command -> {
            assertThat(command.text()).isEqualTo("Olá Ana!");
            assertThat(command.kind()).isEqualTo("text");
            assertThat(command.contactId()).isEqualTo(CONTACT);
        });
        assertThat(messages.sent.get(0).commandId()).as("a retried step is the same message").isEqualTo(messages.sent.get(1).commandId());
        assertThat(((StepOutcome.Done) first).output().path("text").asText()).isEqualTo("Olá Ana!");
    }

    @Test
    void after_the_window_a_text_step_sends_its_fallback_template_or_fails_saying_why() {
        contacts.reach = new RunContacts.Reach(false, false);
        SendWhatsAppExecutor executor = new SendWhatsAppExecutor(contacts, messages, JSON);
        Template reminder = new Template("lembrete", "pt_BR", List.of("{{contact.name}}"));

        assertThat(outcome(executor.perform(new SendWhatsApp("Olá", null, reminder), ANA))).isInstanceOf(StepOutcome.Done.class);
        assertThat(messages.sent).singleElement().satisfies(command -> {
            assertThat(command.kind()).isEqualTo("template");
            assertThat(command.template().bodyParameters()).containsExactly("Ana");
        });
        assertThat(outcome(executor.perform(new SendWhatsApp("Olá", null, null), ANA)))
                .isEqualTo(new StepOutcome.Failed("outside the contact's 24-hour window and the step has no fallbackTemplate"));
        assertThat(messages.sent).hasSize(1);
    }

    @Test
    void a_contact_who_opted_out_is_skipped_and_sent_nothing() {
        contacts.reach = new RunContacts.Reach(true, true);
        StepOutcome outcome = outcome(new SendWhatsAppExecutor(contacts, messages, JSON).perform(new SendWhatsApp("Olá", null, null), ANA));
        assertThat(outcome).isInstanceOf(StepOutcome.Skipped.class);
        assertThat(((StepOutcome.Skipped) outcome).output().path("reason").asText()).isEqualTo("the contact opted out");
        assertThat(messages.sent).isEmpty();
    }

    @Test
    void a_text_grown_past_whatsapps_limit_is_refused_before_anything_is_sent() {
        contacts.reach = new RunContacts.Reach(false, true);
        StepContext longText = run("{\"trigger\": {\"text\": \"" + "a".repeat(3000) + "\"}}");
        assertThatThrownBy(() -> outcome(new SendWhatsAppExecutor(contacts, messages, JSON)
                .perform(new SendWhatsApp("{{trigger.text}} {{trigger.text}}", null, null), longText))).isInstanceOf(StepRefused.class);
        assertThat(messages.sent).isEmpty();
    }

    @Test
    void a_contact_field_is_kept_and_learnt_by_the_run_for_its_next_steps() {
        StepOutcome outcome = outcome(new SetContactFieldExecutor(contacts).perform(new SetContactField("pedido", "{{trigger.text}}"), ANA));
        assertThat(contacts.changes).containsExactly("field pedido=quero marcar");
        assertThat(outcome).isEqualTo(new StepOutcome.Done(JSON.createObjectNode().put("pedido", "quero marcar"),
                Map.of("contact.fields.pedido", "quero marcar")));
    }

    @Test
    void a_tag_is_rendered_and_added() {
        StepOutcome outcome = outcome(new AddTagExecutor(contacts).perform(new AddTag("lead-{{contact.name}}"), ANA));
        assertThat(contacts.changes).containsExactly("tag lead-Ana");
        assertThat(((StepOutcome.Done) outcome).output().path("tag").asText()).isEqualTo("lead-Ana");
    }

    @Test
    void a_hand_off_asks_the_platform_with_the_reason_and_the_rendered_message() {
        outcome(new HandoffToHumanExecutor(messages).perform(new HandoffToHuman("urgente", "{{contact.name}}, já chamo alguém"), ANA));
        assertThat(messages.handoffs).singleElement().satisfies(request -> {
            assertThat(request.reason()).isEqualTo("urgente");
            assertThat(request.message()).isEqualTo("Ana, já chamo alguém");
            assertThat(request.waId()).isEqualTo(WA);
        });
    }

    @Test
    void a_delay_makes_the_run_wait_its_minutes() {
        StepOutcome outcome = outcome(new DelayExecutor().perform(new Delay(Duration.ofHours(2)), ANA));
        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Waits.class, waits -> {
            assertThat(waits.duration()).isEqualTo(Duration.ofHours(2));
            assertThat(waits.output().path("minutes").asLong()).isEqualTo(120);
        });
    }

    @Test
    void a_webhook_answer_is_done_an_outage_is_retried_and_a_refused_address_fails() {
        List<String> called = new ArrayList<>();
        CallWebhookExecutor answering = new CallWebhookExecutor((method, url, body) -> {
            called.add(method + " " + url + " " + body);
            return Uni.createFrom().item(new WebhookCalls.Answered(201, "{\"ok\":true}"));
        });
        CallWebhook step = new CallWebhook("POST", "https://erp.clinic.test/leads", "{\"name\":\"{{contact.name}}\"}");

        StepOutcome done = outcome(answering.perform(step, ANA));
        assertThat(called).containsExactly("POST https://erp.clinic.test/leads {\"name\":\"Ana\"}");
        assertThat(((StepOutcome.Done) done).output().path("status").asInt()).isEqualTo(201);
        assertThat(outcome(new CallWebhookExecutor((m, u, b) -> Uni.createFrom().item(new WebhookCalls.Failed("the webhook answered 503")))
                .perform(step, ANA))).isEqualTo(new StepOutcome.RetryLater("the webhook answered 503"));
        assertThat(outcome(new CallWebhookExecutor((m, u, b) -> Uni.createFrom().item(new WebhookCalls.Refused("not public")))
                .perform(step, ANA))).isEqualTo(new StepOutcome.Failed("refused: not public"));
    }

    @Test
    void a_mail_goes_to_the_rendered_address_and_an_address_that_is_none_fails_the_run() {
        List<String> mailed = new ArrayList<>();
        SendEmailExecutor executor = new SendEmailExecutor((to, subject, body) -> {
            mailed.add(to + " | " + subject + " | " + body);
            return Uni.createFrom().voidItem();
        });
        StepContext withEmail = run("{\"trigger\": {\"email\": \"ana@example.com\"}, \"contact\": {\"name\": \"Ana\"}}");

        assertThat(outcome(executor.perform(new SendEmail("{{trigger.email}}", "Olá {{contact.name}}", "Até logo"), withEmail)))
                .isInstanceOf(StepOutcome.Done.class);
        assertThat(mailed).containsExactly("ana@example.com | Olá Ana | Até logo");
        assertThat(outcome(executor.perform(new SendEmail("{{trigger.email}}", "Olá", "x"), ANA)))
                .isEqualTo(new StepOutcome.Failed("the address (empty) is not an email address"));
        assertThat(outcome(new SendEmailExecutor((to, subject, body) -> Uni.createFrom().failure(new IllegalStateException("SMTP down")))
                .perform(new SendEmail("a@b.co", "s", "b"), ANA))).isEqualTo(new StepOutcome.RetryLater("the mail could not be sent: SMTP down"));
    }

    @Test
    void an_answer_from_the_knowledge_becomes_facts_under_the_steps_name() {
        List<String> asked = new ArrayList<>();
        AiGenerateExecutor executor = new AiGenerateExecutor((org, question, contactId) -> {
            asked.add(question + " / " + contactId);
            return Uni.createFrom().item(new Assistant.Answered("Das 8h às 18h.", false, List.of("Horário")));
        });
        StepOutcome outcome = outcome(executor.perform(new AiGenerate("{{trigger.text}}?", "resposta"), ANA));

        assertThat(asked).containsExactly("quero marcar? / " + CONTACT);
        assertThat(((StepOutcome.Done) outcome).learnt()).containsEntry("resposta.answer", "Das 8h às 18h.")
                .containsEntry("resposta.handoff", "false").containsEntry("resposta.sources", "Horário");
    }

    @Test
    void an_empty_question_fails_an_unavailable_knowledge_is_retried_and_a_refusal_fails() {
        AiGenerateExecutor unavailable = new AiGenerateExecutor((o, q, c) -> Uni.createFrom().item(new Assistant.Unavailable("503")));
        AiGenerateExecutor refusing = new AiGenerateExecutor((o, q, c) -> Uni.createFrom().item(new Assistant.Refused("no secret")));

        assertThat(outcome(unavailable.perform(new AiGenerate("{{trigger.nothing}} ", "ai"), ANA)))
                .isEqualTo(new StepOutcome.Failed("the question is empty once its variables are filled"));
        assertThat(outcome(unavailable.perform(new AiGenerate("{{trigger.text}}", "ai"), ANA))).isEqualTo(new StepOutcome.RetryLater("503"));
        assertThat(outcome(refusing.perform(new AiGenerate("{{trigger.text}}", "ai"), ANA))).isEqualTo(new StepOutcome.Failed("no secret"));
    }

    /** Contacts in memory: the reach a test sets, and the changes made. */
    private static final class Contacts implements RunContacts {
        Reach reach = new Reach(false, true);
        final List<String> changes = new ArrayList<>();

        @Override
        public Uni<Reach> reach(UUID orgId, String waId) {
            return Uni.createFrom().item(reach);
        }

        @Override
        public Uni<Void> setField(UUID orgId, String waId, String field, String value) {
            changes.add("field " + field + "=" + value);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> addTag(UUID orgId, String waId, String tag) {
            changes.add("tag " + tag);
            return Uni.createFrom().voidItem();
        }
    }

    /** Commands and requests kept in memory. */
    private static final class Messages implements RunMessages {
        final List<FlowEvents.SendMessageV1> sent = new ArrayList<>();
        final List<FlowEvents.HandoffRequestedV1> handoffs = new ArrayList<>();

        @Override
        public Uni<Void> send(FlowEvents.SendMessageV1 command) {
            sent.add(command);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> handOff(FlowEvents.HandoffRequestedV1 request) {
            handoffs.add(request);
            return Uni.createFrom().voidItem();
        }
    }
}
