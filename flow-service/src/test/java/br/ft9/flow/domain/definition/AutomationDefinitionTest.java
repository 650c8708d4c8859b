package br.ft9.flow.domain.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.text.MessageText;
import br.ft9.flow.domain.Facts;
import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.Schedules;
import br.ft9.flow.domain.StepRefused;

/** Definitions read into typed parts and compiled, conditions, variables and triggers, without Quarkus. */
class AutomationDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void every_problem_is_reported_with_the_path_of_its_field() throws Exception {
        assertThatThrownBy(() -> AutomationDefinition.compile(json("""
                {"trigger": {"type": "message_received", "match": "regex", "pattern": "(unclosed"},
                 "conditions": {"all": [{"field": "contact.name", "op": "sounds_like", "value": "x"}]},
                 "steps": [{"type": "send_whatsapp"},
                           {"type": "branch", "if": {"field": "trigger.text", "op": "contains"},
                            "then": [{"type": "delay", "days": 45}], "else": [{"type": "teleport"}]},
                           {"type": "call_webhook", "url": "ftp://files.clinic.test"}]}""")))
                .isInstanceOfSatisfying(InvalidDefinition.class, invalid -> assertThat(invalid.violations())
                        .extracting(Violation::path)
                        .containsExactly("trigger.pattern", "conditions.all[0].op", "steps[0]", "steps[1].if.value",
                                "steps[1].then[0]", "steps[1].else[0].type", "steps[2].url"));
        assertThatThrownBy(() -> AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"scheduled\", \"cron\": \"every monday\"},"
                + " \"steps\": [{\"type\": \"add_tag\", \"tag\": \"x\"}]}")))
                .hasMessageStartingWith("trigger.cron: cron is a Quartz expression");
        assertThatThrownBy(() -> AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"telepathy\"}, \"steps\": []}")))
                .hasMessageStartingWith("trigger.type: trigger.type must be one of");
    }

    @Test
    void a_schedule_fires_by_its_cron_in_the_organisations_time_zone() {
        java.time.ZonedDateTime mondayNight = java.time.ZonedDateTime.of(2026, 11, 23, 22, 0, 0, 0, java.time.ZoneId.of("America/Recife"));
        java.time.ZonedDateTime first = Schedules.next("0 0 9 ? * MON-FRI", mondayNight).orElseThrow();
        java.time.ZonedDateTime second = Schedules.next("0 0 9 ? * MON-FRI", first).orElseThrow();
        assertThat(List.of(first, second)).extracting(java.time.ZonedDateTime::toString)
                .containsExactly("2026-11-24T09:00-03:00[America/Recife]", "2026-11-25T09:00-03:00[America/Recife]");
    }

    @Test
    void a_branch_becomes_jumps_over_its_then_and_else_steps() throws Exception {
        AutomationDefinition definition = AutomationDefinition.compile(json("""
                {"trigger": {"type": "message_received"},
                 "steps": [{"type": "branch", "if": {"field": "contact.fields.plan", "op": "equals", "value": "vip"},
                            "then": [{"type": "add_tag", "tag": "vip"}, {"type": "send_whatsapp", "text": "Olá VIP"}],
                            "else": [{"type": "send_whatsapp", "text": "Olá"}]},
                           {"type": "add_tag", "tag": "atendido"}]}"""));
        assertThat(definition.program()).extracting(i -> i instanceof Instruction.Perform p ? p.step().kind().wire()
                : i.getClass().getSimpleName())
                .containsExactly("JumpUnless", "add_tag", "send_whatsapp", "Jump", "send_whatsapp", "add_tag");
        assertThat(((Instruction.JumpUnless) definition.program().get(0)).target()).isEqualTo(4);
        assertThat(((Instruction.Jump) definition.program().get(3)).target()).isEqualTo(5);
        assertThat(definition.program()).extracting(Instruction::path)
                .containsExactly("steps[0]", "steps[0].then[0]", "steps[0].then[1]", "steps[0]", "steps[0].else[0]", "steps[1]");
        assertThat(((Instruction.Perform) definition.program().get(2)).step()).isEqualTo(new SendWhatsApp("Olá VIP", null, null));
    }

    @Test
    void conditions_compare_the_facts_ignoring_case_and_accents() throws Exception {
        Facts facts = Facts.of(json("""
                {"trigger": {"text": "Quero REMARCAR a consulta"}, "contact": {"name": "João", "fields": {"visits": "3"}, "tags": ["vip", "novo"]}}"""));
        assertThat(holds(facts, json("{\"field\": \"trigger.text\", \"op\": \"contains\", \"value\": \"remarcar\"}"))).isTrue();
        assertThat(holds(facts, json("{\"field\": \"contact.name\", \"op\": \"equals\", \"value\": \"joao\"}"))).isTrue();
        assertThat(holds(facts, json("{\"field\": \"contact.fields.visits\", \"op\": \"gt\", \"value\": \"2\"}"))).isTrue();
        assertThat(holds(facts, json("{\"field\": \"contact.fields.visits\", \"op\": \"lt\", \"value\": \"2\"}"))).isFalse();
        assertThat(holds(facts, json("{\"field\": \"contact.email\", \"op\": \"exists\"}"))).isFalse();
        assertThat(holds(facts, json("{\"any\": [{\"field\": \"contact.tags\", \"op\": \"contains\", \"value\": \"vip\"},"
                + " {\"field\": \"contact.email\", \"op\": \"exists\"}]}"))).isTrue();
        assertThat(holds(facts, json("{\"all\": [{\"field\": \"contact.tags\", \"op\": \"contains\", \"value\": \"vip\"},"
                + " {\"field\": \"contact.email\", \"op\": \"exists\"}]}"))).isFalse();
        assertThat(holds(facts, json("{\"field\": \"trigger.text\", \"op\": \"regex\", \"value\": \"remarc(ar|o)\"}"))).isTrue();
        assertThat(facts.render("Olá {{contact.name}}, você tem {{ contact.fields.visits }} visitas{{contact.unknown}}."))
                .isEqualTo("Olá João, você tem 3 visitas.");
    }

    private static boolean holds(Facts facts, JsonNode condition) {
        return Condition.read(condition, "if", new java.util.ArrayList<>()).holds(facts::get);
    }

    private static Trigger messageTrigger(String fields) throws Exception {
        return AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"message_received\", " + fields
                + "}, \"steps\": [{\"type\": \"add_tag\", \"tag\": \"x\"}]}")).trigger();
    }

    @Test
    void message_triggers_match_first_messages_whole_keywords_patterns_and_hours() throws Exception {
        Trigger keyword = messageTrigger("\"match\": \"keyword\", \"keywords\": [\"agendar\", \"marcar consulta\"]");
        assertThat(keyword.matchesMessage(MessageText.of("Quero AGENDAR!"), false, true)).isTrue();
        assertThat(keyword.matchesMessage(MessageText.of("preciso marcar consulta amanhã"), false, true)).isTrue();
        assertThat(keyword.matchesMessage(MessageText.of("reagendaram"), false, true)).isFalse();
        assertThat(messageTrigger("\"match\": \"first_message\"").matchesMessage(MessageText.of("oi"), false, true)).isFalse();
        assertThat(messageTrigger("\"match\": \"first_message\"").matchesMessage(MessageText.of("oi"), true, true)).isTrue();
        assertThat(messageTrigger("\"match\": \"regex\", \"pattern\": \"\\\\d{5}-\\\\d{3}\"").matchesMessage(MessageText.of("CEP 50030-230"), false, true))
                .isTrue();
        assertThat(messageTrigger("\"hours\": \"outside\"").matchesMessage(MessageText.of("oi"), false, true)).isFalse();
        assertThat(messageTrigger("\"hours\": \"outside\"").matchesMessage(MessageText.of("oi"), false, false)).isTrue();
    }

    @Test
    void an_ai_generate_step_needs_a_question_and_a_plain_name_for_its_answer() throws Exception {
        InvalidDefinition invalid = org.junit.jupiter.api.Assertions.assertThrows(InvalidDefinition.class,
                () -> AutomationDefinition.compile(json("""
                        {"trigger": {"type": "message_received"},
                         "steps": [{"type": "ai_generate", "question": " "}, {"type": "ai_generate", "question": "{{trigger.text}}", "as": "contact"}]}""")));
        assertThat(invalid.violations()).extracting(Violation::path)
                .containsExactly("steps[0].question", "steps[1].as");
        assertThat(AutomationDefinition.compile(json("""
                {"trigger": {"type": "message_received"},
                 "steps": [{"type": "ai_generate", "question": "{{trigger.text}}", "as": "resposta"}]}""")).program()).hasSize(1);
    }

    @Test
    void a_cooldown_is_an_iso_duration_from_a_minute_to_thirty_days() throws Exception {
        String steps = ", \"steps\": [{\"type\": \"add_tag\", \"tag\": \"x\"}]}";
        assertThat(AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"message_received\"}, \"cooldown\": \"PT12H\""
                + steps)).cooldown()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"message_received\"}" + steps)).cooldown()).isNull();
        for (String wrong : List.of("\"12 hours\"", "\"PT30S\"", "\"P31D\"", "43200")) {
            assertThatThrownBy(() -> AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"message_received\"}, \"cooldown\": "
                    + wrong + steps))).as(wrong).hasMessageStartingWith("cooldown: cooldown is an ISO-8601 duration");
        }
    }

    @Test
    void what_a_definition_may_send_or_store_is_bounded_where_it_is_defined() throws Exception {
        String params = "[" + String.join(",", java.util.Collections.nCopies(21, "\"x\"")) + "]";
        InvalidDefinition invalid = org.junit.jupiter.api.Assertions.assertThrows(InvalidDefinition.class,
                () -> AutomationDefinition.compile(json("""
                        {"trigger": {"type": "message_received"},
                         "steps": [{"type": "handoff_to_human", "message": "%s", "reason": "%s"},
                                   {"type": "send_whatsapp", "template": {"name": "t", "language": "pt_BR", "parameters": %s}},
                                   {"type": "send_whatsapp", "template": {"name": "t", "language": "pt_BR", "parameters": ["%s"]}},
                                   {"type": "set_contact_field", "field": "nota", "value": "%s"},
                                   {"type": "call_webhook", "url": "https://erp.clinic.test/%s"}]}"""
                        .formatted("m".repeat(4097), "r".repeat(501), params, "p".repeat(1025), "v".repeat(1025), "u".repeat(2048)))));
        assertThat(invalid.violations()).extracting(Violation::path).containsExactly("steps[0].message",
                "steps[0].reason", "steps[1].template.parameters", "steps[2].template.parameters[0]", "steps[3].value", "steps[4].url");
        assertThatThrownBy(() -> AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"message_received\"}, \"steps\":"
                + " [{\"type\": \"handoff_to_human\", \"message\": \"" + "m".repeat(1_200_000) + "\"}]}")))
                .hasMessageStartingWith("definition: a definition is at most 65536 characters");
        String many = String.join(",", java.util.Collections.nCopies(101, "{\"type\": \"add_tag\", \"tag\": \"x\"}"));
        assertThatThrownBy(() -> AutomationDefinition.compile(json("{\"trigger\": {\"type\": \"message_received\"}, \"steps\": ["
                + many + "]}"))).hasMessageStartingWith("steps: a definition has at most 100 steps");
    }

    @Test
    void a_text_that_grows_past_its_limit_once_rendered_is_refused_for_good_with_the_reason() throws Exception {
        Facts facts = Facts.of(json("{\"trigger\": {\"text\": \"" + "a".repeat(3000) + "\"}}"));
        assertThat(facts.render("{{trigger.text}}", Limits.TEXT, "the text")).hasSize(3000);
        assertThatThrownBy(() -> facts.render("{{trigger.text}} {{trigger.text}}", Limits.TEXT, "the text"))
                .isInstanceOf(StepRefused.class)
                .hasMessage("the text is 6001 characters once its variables are filled; at most 4096 are sent");
    }
}
