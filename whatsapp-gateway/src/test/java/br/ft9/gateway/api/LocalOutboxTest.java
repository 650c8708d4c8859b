package br.ft9.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Row;

/** Without Meta credentials (local, demo) messages stay in a local outbox that the API shows, and nothing reaches Meta. */
@QuarkusTest
@TestProfile(LocalOutboxTest.WithoutMetaCredentials.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class LocalOutboxTest {

    /** The suite as up.sh runs it when no Meta credentials are given. */
    public static class WithoutMetaCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ft9.whatsapp.outbound-delivery", "local");
        }
    }

    @Test
    void answers_stay_in_the_local_outbox_which_the_api_lists_and_meta_receives_nothing() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Qual o endereço?");
        UUID command;
        try (CloudEventSender kafka = new CloudEventSender()) {
            command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Rua das Flores, 100"));
        }
        Row outcome = Commands.awaitOutcome(command);
        assertThat(outcome.getString("status")).isEqualTo("accepted");
        assertThat(outcome.getString("delivery")).isEqualTo("local");

        given().auth().oauth2(TestTokens.member(number.orgId(), "ORG_AGENT")).when().get("/api/conversations/outbox")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].text", equalTo("Rua das Flores, 100"))
                .body("items[0].delivery", equalTo("local")).body("items[0].origin", equalTo("bot"));
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).when().get("/api/conversations/outbox")
                .then().statusCode(200).body("total", equalTo(0));
        assertThat(GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo("/v23.0/" + number.phoneNumberId() + "/messages"))))
                .isEmpty();
    }
}
