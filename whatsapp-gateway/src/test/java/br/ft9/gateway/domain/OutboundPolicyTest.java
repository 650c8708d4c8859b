package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The sending rules, without Quarkus: window, opt-out, hand-off, organisation standing and message shape. */
class OutboundPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static SendRequest text(SendRequest.Origin origin) {
        return new SendRequest(SendRequest.Kind.TEXT, origin, "Olá", null, null, null, null);
    }

    private static SendRequest template() {
        return new SendRequest(SendRequest.Kind.TEMPLATE, SendRequest.Origin.FLOW, null,
                new SendRequest.Template("appointment_reminder", "pt_BR", List.of("Maria")), null, null, null);
    }

    private static OutboundPolicy.Situation wroteAgo(Duration ago) {
        return new OutboundPolicy.Situation(true, false, NOW.minus(ago), false);
    }

    @Test
    void free_form_messages_are_allowed_up_to_exactly_24_hours_after_the_contacts_last_message() {
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.BOT), wroteAgo(Duration.ofHours(24)), NOW))
                .isInstanceOf(OutboundPolicy.Send.class);
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.BOT), wroteAgo(Duration.ofHours(24).plusSeconds(1)), NOW))
                .isEqualTo(new OutboundPolicy.Refuse("outside the 24-hour customer service window: only an approved template may be sent"));
    }

    @Test
    void a_template_may_reach_a_contact_outside_the_window_or_one_who_never_wrote() {
        assertThat(OutboundPolicy.decide(template(), wroteAgo(Duration.ofDays(30)), NOW)).isInstanceOf(OutboundPolicy.Send.class);
        assertThat(OutboundPolicy.decide(template(), new OutboundPolicy.Situation(true, false, null, false), NOW))
                .isInstanceOf(OutboundPolicy.Send.class);
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.AGENT), new OutboundPolicy.Situation(true, false, null, false), NOW))
                .isInstanceOf(OutboundPolicy.Refuse.class);
    }

    @Test
    void in_human_mode_automatic_messages_are_suppressed_and_agents_still_answer() {
        var human = new OutboundPolicy.Situation(true, false, NOW.minusSeconds(60), true);
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.BOT), human, NOW)).isInstanceOf(OutboundPolicy.Suppress.class);
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.FLOW), human, NOW)).isInstanceOf(OutboundPolicy.Suppress.class);
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.AGENT), human, NOW)).isInstanceOf(OutboundPolicy.Send.class);
    }

    @Test
    void an_opted_out_contact_gets_nothing_not_even_a_template_and_a_suspended_organisation_sends_nothing() {
        var optedOut = new OutboundPolicy.Situation(true, true, NOW.minusSeconds(60), false);
        assertThat(OutboundPolicy.decide(template(), optedOut, NOW)).isEqualTo(new OutboundPolicy.Refuse("the contact opted out of messages"));
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.AGENT), optedOut, NOW)).isInstanceOf(OutboundPolicy.Refuse.class);
        var suspended = new OutboundPolicy.Situation(false, false, NOW.minusSeconds(60), false);
        assertThat(OutboundPolicy.decide(text(SendRequest.Origin.AGENT), suspended, NOW))
                .isEqualTo(new OutboundPolicy.Refuse("the organisation is not active"));
    }

    @Test
    void a_message_whatsapp_would_refuse_fails_with_the_rule_it_breaks() {
        var fine = wroteAgo(Duration.ofMinutes(1));
        assertThat(OutboundPolicy.decide(new SendRequest(SendRequest.Kind.TEXT, SendRequest.Origin.BOT, "x".repeat(4097), null,
                null, null, null), fine, NOW)).isEqualTo(new OutboundPolicy.Refuse("text is longer than WhatsApp's 4096 characters"));
        assertThat(OutboundPolicy.decide(new SendRequest(null, SendRequest.Origin.BOT, "x", null, null, null, null), fine, NOW))
                .isEqualTo(new OutboundPolicy.Refuse("kind must be one of text, template, interactive, media"));
        assertThat(OutboundPolicy.decide(new SendRequest(SendRequest.Kind.MEDIA, SendRequest.Origin.FLOW, null, null, null,
                new SendRequest.Media("image", "http://clinic.test/a.png", null, null), null), fine, NOW))
                .isEqualTo(new OutboundPolicy.Refuse("media.url must be an https URL"));
        var longRow = new SendRequest.Interactive("list", "Escolha", "Horários",
                List.of(new SendRequest.Option("1", "Uma linha com mais de vinte e quatro letras", null)));
        assertThat(OutboundPolicy.decide(new SendRequest(SendRequest.Kind.INTERACTIVE, SendRequest.Origin.FLOW, null, null, longRow,
                null, null), fine, NOW)).isEqualTo(new OutboundPolicy.Refuse("a list row title is at most 24 characters"));
    }
}
