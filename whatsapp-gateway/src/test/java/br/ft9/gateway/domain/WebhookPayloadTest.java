package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Meta's notification shapes, read without Quarkus. */
class WebhookPayloadTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-05T13:00:00Z");

    private static WebhookPayload.Parsed parse(String json) throws Exception {
        return WebhookPayload.parse(new ObjectMapper().readTree(json), RECEIVED);
    }

    @Test
    void button_and_list_replies_carry_their_titles_and_media_keeps_its_caption() throws Exception {
        WebhookPayload.Parsed parsed = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"106540352242922"},
                "contacts":[{"profile":{"name":"Ana"},"wa_id":"5511911112222"}],
                "messages":[
                 {"from":"5511911112222","id":"wamid.A","timestamp":"1764072000","type":"interactive",
                  "interactive":{"type":"button_reply","button_reply":{"id":"confirm","title":"Confirmar"}}},
                 {"from":"5511911112222","id":"wamid.B","timestamp":"1764072001","type":"interactive",
                  "interactive":{"type":"list_reply","list_reply":{"id":"slot-2","title":"Terça 10h","description":"Dra. Lima"}}},
                 {"from":"5511911112222","id":"wamid.C","timestamp":"1764072002","type":"image",
                  "image":{"caption":"Minha carteirinha","mime_type":"image/jpeg","sha256":"abc","id":"1479537139650973"}},
                 {"from":"5511911112222","id":"wamid.D","timestamp":"1764072003","type":"location",
                  "location":{"latitude":-23.55,"longitude":-46.63,"name":"Casa"}}]}}]}]}""");

        assertThat(parsed.messages()).extracting(WebhookPayload.Inbound::text)
                .containsExactly("Confirmar", "Terça 10h", "Minha carteirinha", null);
        assertThat(parsed.messages()).extracting(WebhookPayload.Inbound::type)
                .containsExactly("interactive", "interactive", "image", "location");
        assertThat(parsed.messages()).allSatisfy(m -> assertThat(m.profileName()).isEqualTo("Ana"));
        assertThat(parsed.messages().get(3).raw()).contains("\"latitude\":-23.55");
    }

    @Test
    void statuses_are_read_apart_from_messages() throws Exception {
        WebhookPayload.Parsed parsed = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"106540352242922"},
                "statuses":[{"id":"wamid.OUT1","status":"delivered","timestamp":"1764072005","recipient_id":"5511911112222"},
                            {"id":"wamid.OUT2","status":"failed","timestamp":"1764072006","recipient_id":"5511911112222",
                             "errors":[{"code":131047,"title":"Re-engagement message"}]}]}}]}]}""");

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.statuses()).extracting(WebhookPayload.Status::status).containsExactly("delivered", "failed");
        assertThat(parsed.statuses().get(1).raw()).contains("131047");
    }

    @Test
    void meta_s_timestamp_dates_a_message_and_one_unreadable_is_taken_as_the_moment_the_notification_arrived() throws Exception {
        WebhookPayload.Parsed parsed = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"106540352242922"},
                "messages":[{"from":"5511911112222","id":"wamid.E","timestamp":"1764072000","type":"text","text":{"body":"Oi"}},
                            {"from":"5511911112222","id":"wamid.F","timestamp":"ontem","type":"text","text":{"body":"Oi"}}],
                "statuses":[{"id":"wamid.OUT3","status":"read","recipient_id":"5511911112222"}]}}]}]}""");

        assertThat(parsed.messages()).extracting(WebhookPayload.Inbound::sentAt)
                .containsExactly(Instant.ofEpochSecond(1764072000), RECEIVED);
        assertThat(parsed.statuses()).extracting(WebhookPayload.Status::at).containsExactly(RECEIVED);
    }
}
