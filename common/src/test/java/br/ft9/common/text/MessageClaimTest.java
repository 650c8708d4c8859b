package br.ft9.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class MessageClaimTest {

    private static MessageClaim keywords(MessageClaim.Hours hours, String... words) {
        return new MessageClaim(UUID.randomUUID(), "Horário", MessageClaim.Match.KEYWORD, List.of(words), null, hours);
    }

    @Test
    void a_keyword_claims_a_message_holding_it_as_a_whole_word_whatever_its_case_and_accents() {
        MessageClaim claim = keywords(MessageClaim.Hours.ANY, "horário", "que horas abre");
        assertThat(claim.claims(MessageText.of("Qual o HORARIO de vocês?"), true)).isTrue();
        assertThat(claim.claims(MessageText.of("que horas abre amanhã"), false)).isTrue();
        assertThat(claim.claims(MessageText.of("horários"), true)).as("not a whole word").isFalse();
        assertThat(claim.claims(MessageText.of("quero marcar consulta"), true)).isFalse();
        assertThat(claim.claims(MessageText.of(null), true)).isFalse();
    }

    @Test
    void a_keyword_found_first_inside_a_word_still_claims_where_it_later_stands_alone() {
        MessageClaim claim = keywords(MessageClaim.Hours.ANY, "preço", "2ª via");
        assertThat(claim.claims(MessageText.of("sobrepreço? qual o preço"), true)).isTrue();
        assertThat(claim.claims(MessageText.of("sobrepreço"), true)).isFalse();
        assertThat(claim.claims(MessageText.of("preço_final"), true)).as("an underscore joins words").isFalse();
        assertThat(claim.claims(MessageText.of("(preço)"), true)).isTrue();
        assertThat(claim.claims(MessageText.of("quero a 2ª via do boleto"), true)).isTrue();
        assertThat(claim.claims(MessageText.of("12ª via"), true)).as("a digit joins words").isFalse();
    }

    @Test
    void a_pattern_claims_the_messages_it_finds_and_one_that_cannot_be_used_claims_none() {
        MessageClaim cep = new MessageClaim(UUID.randomUUID(), "CEP", MessageClaim.Match.REGEX, null, "\\d{5}-\\d{3}", null);
        assertThat(cep.claims(MessageText.of("meu CEP é 50030-230"), true)).isTrue();
        assertThat(cep.claims(MessageText.of("meu CEP é 50030"), true)).isFalse();
        MessageClaim broken = new MessageClaim(UUID.randomUUID(), "x", MessageClaim.Match.REGEX, null, "(a", MessageClaim.Hours.ANY);
        assertThat(broken.claims(MessageText.of("(a"), true)).isFalse();
    }

    @Test
    void hours_within_or_outside_claim_only_at_those_hours() {
        assertThat(keywords(MessageClaim.Hours.WITHIN, "oi").claims(MessageText.of("oi"), true)).isTrue();
        assertThat(keywords(MessageClaim.Hours.WITHIN, "oi").claims(MessageText.of("oi"), false)).isFalse();
        assertThat(keywords(MessageClaim.Hours.OUTSIDE, "oi").claims(MessageText.of("oi"), false)).isTrue();
        assertThat(keywords(MessageClaim.Hours.OUTSIDE, "oi").claims(MessageText.of("oi"), true)).isFalse();
    }

    @Test
    void a_claim_travels_as_json_in_lower_case_words_and_reads_back_the_same() throws Exception {
        ObjectMapper json = new ObjectMapper();
        MessageClaim claim = keywords(MessageClaim.Hours.OUTSIDE, "preço");
        String written = json.writeValueAsString(claim);
        assertThat(written).contains("\"match\":\"keyword\"", "\"hours\":\"outside\"", "\"keywords\":[\"preco\"]");
        assertThat(json.readValue(written, MessageClaim.class)).isEqualTo(claim);
    }
}
