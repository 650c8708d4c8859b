package br.ft9.flow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.text.MessageClaim;
import br.ft9.flow.domain.definition.AutomationDefinition;

class MessageClaimsRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AutomationDefinition definition(String json) {
        try {
            return AutomationDefinition.compile(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<MessageClaim> claim(boolean active, boolean oncePerContact, String json) {
        return MessageClaims.of(new MessageClaims.Candidate(UUID.randomUUID(), "Horário", active, oncePerContact, definition(json)));
    }

    private static final String REPLY = """
            {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["horário"], "hours": "outside"},
             "steps": [{"type": "delay", "minutes": 1}, {"type": "send_whatsapp", "text": "Abrimos às 8h."}]}""";

    @Test
    void an_active_keyword_reply_that_starts_every_time_claims_its_keywords_at_its_hours() {
        MessageClaim claim = claim(true, false, REPLY).orElseThrow();
        assertThat(claim.match()).isEqualTo(MessageClaim.Match.KEYWORD);
        assertThat(claim.keywords()).as("folded, as compared").containsExactly("horario");
        assertThat(claim.hours()).isEqualTo(MessageClaim.Hours.OUTSIDE);
        assertThat(claim(true, false, REPLY.replace("send_whatsapp\", \"text\": \"Abrimos às 8h.\"",
                "handoff_to_human\", \"message\": \"Já chamo alguém.\""))).isPresent();
        assertThat(claim(true, false, """
                {"trigger": {"type": "message_received", "match": "regex", "pattern": "\\\\d{5}-\\\\d{3}"},
                 "steps": [{"type": "send_whatsapp", "text": "Obrigado pelo CEP."}]}""").orElseThrow().pattern())
                .isEqualTo("\\d{5}-\\d{3}");
    }

    @Test
    void an_automation_that_may_not_answer_or_does_not_start_on_its_words_claims_nothing() {
        assertThat(claim(false, false, REPLY)).as("paused or draft").isEmpty();
        assertThat(claim(true, true, REPLY)).as("once per contact").isEmpty();
        assertThat(claim(true, false, REPLY.replace("\"steps\"", "\"cooldown\": \"PT1H\", \"steps\""))).as("cooldown").isEmpty();
        assertThat(claim(true, false, REPLY.replace("\"steps\"",
                "\"conditions\": {\"all\": [{\"field\": \"contact.fields.plan\", \"op\": \"equals\", \"value\": \"vip\"}]}, \"steps\"")))
                .as("conditions").isEmpty();
        assertThat(claim(true, false, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["preço"]},
                 "steps": [{"type": "add_tag", "tag": "interessado"}]}""")).as("answers nothing").isEmpty();
        assertThat(claim(true, false, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["preço"]},
                 "steps": [{"type": "branch", "if": {"field": "contact.fields.plan", "op": "equals", "value": "vip"},
                            "then": [{"type": "send_whatsapp", "text": "Tabela VIP."}]}]}""")).as("answers only on a branch").isEmpty();
        assertThat(claim(true, false, """
                {"trigger": {"type": "message_received", "match": "any"},
                 "steps": [{"type": "send_whatsapp", "text": "Recebido."}]}""")).as("every message: not a claim").isEmpty();
    }

    @Test
    void an_organisation_whose_plan_has_no_runs_left_this_month_claims_nothing() {
        MessageClaims.Candidate reply = new MessageClaims.Candidate(UUID.randomUUID(), "Horário", true, false, definition(REPLY));
        assertThat(MessageClaims.of(List.of(reply), true)).hasSize(1);
        assertThat(MessageClaims.of(List.of(reply), false)).isEmpty();
    }
}
