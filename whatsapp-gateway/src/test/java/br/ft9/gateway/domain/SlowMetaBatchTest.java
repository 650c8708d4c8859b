package br.ft9.gateway.domain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
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

/**
 * A batch of send commands while Meta answers slowly: the messages still waiting their turn are claimed again rather
 * than left sending until the gateway takes them for interrupted ones (here after 6 s, checked every second).
 */
@QuarkusTest
@TestProfile(SlowMetaBatchTest.InterruptedAfterSixSeconds.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class SlowMetaBatchTest {

    /** Messages sending for 6 s are taken for interrupted: a batch of four 2-second answers would outlast it. */
    public static class InterruptedAfterSixSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ft9.whatsapp.interrupted-send-after", "PT6S");
        }
    }

    @Test
    void messages_waiting_behind_slow_answers_from_meta_are_sent_once_and_never_taken_for_interrupted() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        String path = "/v23.0/" + number.phoneNumberId() + "/messages";
        GraphApiStub.server().stubFor(post(urlPathEqualTo(path)).atPriority(1).withRequestBody(containing("Devagar"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2000).withHeader("Content-Type", "application/json")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")));

        List<String> parts = List.of("Devagar 1", "Devagar 2", "Devagar 3", "Devagar 4", "Depressa 5");
        List<UUID> commands;
        try (CloudEventSender kafka = new CloudEventSender()) {
            commands = Commands.sendAtOnce(kafka, number.orgId(), contact, "flow", parts.stream().map(Commands::text).toList());
        }

        for (UUID command : commands) {
            Row outcome = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Meta.row("select status, status_reason from message where command_id = $1", command),
                            row -> row != null && !"queued".equals(row.getString("status")) && !"sending".equals(row.getString("status")));
            assertThat(outcome.getString("status")).as("%s (%s)", command, outcome.getString("status_reason")).isEqualTo("accepted");
        }
        assertThat(GraphApiStub.server().findAll(postRequestedFor(urlPathEqualTo(path))))
                .extracting(request -> request.getBodyAsString().replaceAll(".*\"body\":\"([^\"]+)\".*", "$1"))
                .containsExactlyElementsOf(parts);
    }
}
