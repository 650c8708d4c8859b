package br.ft9.flow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.text.MessageText;
import br.ft9.common.text.UserPattern;
import br.ft9.flow.domain.definition.AutomationDefinition;
import br.ft9.flow.domain.definition.Condition;
import br.ft9.flow.domain.definition.InvalidDefinition;
import br.ft9.flow.domain.definition.Trigger;
import br.ft9.flow.domain.definition.TriggerType;
import br.ft9.flow.domain.definition.Violation;

/** The patterns organisations write cannot stall the engine, whatever the pattern and the message. */
class UserPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Backtracking engines take exponential time on these against a long run of the repeated character and a miss. */
    private static final String[] CATASTROPHIC = { "(a+)+$", "(a|aa)+$", "(a|a?)+$", "^(\\w+\\s?)*$", "(.*a){20}" };

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void a_catastrophically_backtracking_trigger_pattern_against_a_long_message_answers_at_once() throws Exception {
        String message = "a".repeat(4_000) + "!"; // within the 4096 characters read
        for (String pattern : CATASTROPHIC) {
            ObjectNode trigger = JSON.createObjectNode().put("match", "regex").put("pattern", pattern);
            Trigger compiled = AutomationDefinition.compile(json("{\"trigger\": " + trigger.put("type", "message_received")
                    + ", \"steps\": [{\"type\": \"add_tag\", \"tag\": \"x\"}]}")).trigger();
            assertThat(compiled.type()).isEqualTo(TriggerType.MESSAGE_RECEIVED);
            boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> compiled.matchesMessage(MessageText.of(message), false, true), pattern);
            assertThat(matched).as(pattern).isEqualTo(pattern.equals("(.*a){20}") || pattern.equals("(a|a?)+$")); // both can match
        }
    }

    @Test
    void a_catastrophically_backtracking_condition_against_a_long_field_answers_at_once() throws Exception {
        Facts facts = Facts.of(json("{\"trigger\": {\"text\": \"" + "a".repeat(4_000) + "!\"}}"));
        Condition condition = Condition.read(json("{\"field\": \"trigger.text\", \"op\": \"regex\", \"value\": \"(a+)+$\"}"), "if",
                new java.util.ArrayList<>());
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> condition.holds(facts::get))).isFalse();
    }

    @Test
    void patterns_still_match_what_people_write_ignoring_case() {
        assertThat(UserPattern.find("\\d{5}-\\d{3}", "meu CEP é 50030-230")).isTrue();
        assertThat(UserPattern.find("agend(ar|amento)", "Quero um AGENDAMENTO")).isTrue();
        assertThat(UserPattern.find("cancel", "quero marcar")).isFalse();
    }

    @Test
    void look_around_back_references_and_overlong_patterns_are_refused_with_the_field() {
        for (String pattern : new String[] { "(?=a)a", "(a)\\1", "x".repeat(501) }) {
            String definition = "{\"trigger\": {\"type\": \"message_received\", \"match\": \"regex\", \"pattern\": \"" + pattern.replace("\\", "\\\\")
                    + "\"}, \"conditions\": {\"field\": \"trigger.text\", \"op\": \"regex\", \"value\": \"" + pattern.replace("\\", "\\\\")
                    + "\"}, \"steps\": [{\"type\": \"add_tag\", \"tag\": \"x\"}]}";
            assertThatThrownBy(() -> AutomationDefinition.compile(json(definition))).as(pattern)
                    .isInstanceOfSatisfying(InvalidDefinition.class, invalid -> assertThat(invalid.violations())
                            .extracting(Violation::path).containsExactly("trigger.pattern", "conditions.value"));
        }
    }

    @Test
    void nested_counted_repetitions_that_would_take_gigabytes_to_compile_are_refused_before_compiling() {
        for (String pattern : new String[] { "((a{1000}){1000}){1000}", "(a{1000}){1000}", "((ab{2,}){500}){50}" }) {
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(1), () -> UserPattern.problem(pattern))).as(pattern)
                    .startsWith("the pattern repeats too much");
            assertThat(UserPattern.find(pattern, "aaaa")).isFalse();
        }
        assertThat(UserPattern.problem("[a-z]{1000}")).isNull();
        assertThat(UserPattern.size("\\d{5}-\\d{3}")).isEqualTo(9);
        assertThat(UserPattern.size("(ab){3}")).isEqualTo(6);
    }
}
