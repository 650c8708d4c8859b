package br.ft9.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A gateway already handling as many notifications as it may: the next one is refused for Meta to deliver again. */
@QuarkusTest
@TestProfile(WebhookFloodTest.NoRoomLeft.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class WebhookFloodTest {

    /** No place free: every notification finds the gateway full. */
    public static class NoRoomLeft implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ft9.whatsapp.webhooks-in-flight", "0");
        }
    }

    @Test
    void a_notification_beyond_the_limit_gets_503_with_retry_after_and_nothing_is_stored() {
        Meta.Number number = Meta.connectedNumber();
        String wamid = Meta.wamid();
        byte[] body = Meta.payload("text", number.phoneNumberId(), Meta.waId(), wamid, "Oi").getBytes(StandardCharsets.UTF_8);
        Response response = given().contentType("application/json").header("X-Hub-Signature-256", Meta.SIGNATURE.sign(body)).body(body)
                .when().post("/webhooks/whatsapp");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).contains("too many notifications at once");
        assertThat(Meta.row("select count(*) from message where wa_message_id = $1", wamid).getLong(0)).isZero();
    }
}
