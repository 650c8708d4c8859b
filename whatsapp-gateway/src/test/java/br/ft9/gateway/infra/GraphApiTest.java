package br.ft9.gateway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.gateway.domain.SendRequest;

/** The Graph API's shapes without a server: how its errors are sorted, and how messages are written. */
class GraphApiTest {

    @Test
    void meta_errors_are_sorted_into_retry_later_retry_and_count_against_meta_or_give_up() {
        assertThat(GraphApiException.of(429, "")).isInstanceOf(GraphApiException.Throttled.class);
        assertThat(GraphApiException.of(400, "{\"error\":{\"message\":\"(#131056) Pair rate limit hit\",\"code\":131056}}"))
                .isInstanceOf(GraphApiException.Throttled.class);
        assertThat(GraphApiException.of(503, "<html>Service Unavailable</html>")).isInstanceOf(GraphApiException.Unavailable.class)
                .hasMessage("Graph API answered 503");
        assertThat(GraphApiException.of(400, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":131016}}"))
                .isInstanceOf(GraphApiException.Unavailable.class);
        GraphApiException rejected = GraphApiException.of(400, "{\"error\":{\"message\":\"(#131030) Recipient phone number not in"
                + " allowed list\",\"code\":131030,\"error_data\":{\"details\":\"Recipient phone number not in allowed list\"}}}");
        assertThat(rejected).isInstanceOf(GraphApiException.Rejected.class);
        assertThat(rejected.code()).isEqualTo(131030);
        assertThat(rejected.getMessage()).contains("not in allowed list").endsWith("(code 131030)");
        assertThat(GraphApiException.of(401, "{\"error\":{\"message\":\"Error validating access token\",\"code\":190}}"))
                .isInstanceOf(GraphApiException.Rejected.class);
    }

    @Test
    void buttons_media_and_replies_are_written_as_the_cloud_api_expects() {
        JsonNode buttons = GraphMessages.body(new SendRequest(SendRequest.Kind.INTERACTIVE, SendRequest.Origin.FLOW, null, null,
                new SendRequest.Interactive("buttons", "Confirma a consulta?", null,
                        List.of(new SendRequest.Option("yes", "Confirmo", null), new SendRequest.Option("no", "Remarcar", null))),
                null, "wamid.ORIGINAL"), "5511987654321");
        assertThat(buttons.path("context").path("message_id").asText()).isEqualTo("wamid.ORIGINAL");
        assertThat(buttons.path("interactive").path("type").asText()).isEqualTo("button");
        assertThat(buttons.path("interactive").path("action").path("buttons").path(1).path("reply").path("title").asText())
                .isEqualTo("Remarcar");

        JsonNode document = GraphMessages.body(new SendRequest(SendRequest.Kind.MEDIA, SendRequest.Origin.FLOW, null, null, null,
                new SendRequest.Media("document", "https://clinic.test/preparo.pdf", "Preparo do exame", "preparo.pdf"), null),
                "5511987654321");
        assertThat(document.path("type").asText()).isEqualTo("document");
        assertThat(document.path("document").path("link").asText()).isEqualTo("https://clinic.test/preparo.pdf");
        assertThat(document.path("document").path("filename").asText()).isEqualTo("preparo.pdf");
        assertThat(document.path("to").asText()).isEqualTo("5511987654321");
        assertThat(document.path("messaging_product").asText()).isEqualTo("whatsapp");
    }
}
