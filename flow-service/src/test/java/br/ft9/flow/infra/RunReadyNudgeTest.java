package br.ft9.flow.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A run left ready for the workers is claimed at the commit that left it, not at the engine's next poll. */
@QuarkusTest
@TestProfile(RunReadyNudgeTest.PollingOnceAnHour.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class RunReadyNudgeTest {

    /** An engine that polls once an hour: only the database's notification can carry a run forward in this test. */
    public static class PollingOnceAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ft9.flow.poll-interval", "PT1H", "ft9.flow.initial-delay", "PT1H");
        }
    }

    @Test
    void a_run_left_ready_at_its_first_outside_call_is_carried_forward_at_once() {
        UUID clinic = UUID.randomUUID();
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/nudged/" + clinic)).willReturn(aResponse().withStatus(204)));
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"},
                 "steps": [{"type": "call_webhook", "url": "http://127.0.0.1:%d/crm/nudged/%s"}]}"""
                .formatted(ThirdPartyStubs.server().port(), clinic), false);
        try (CloudEventSender kafka = new CloudEventSender()) {
            Flows.contactWrites(kafka, clinic, "5581911110301", "Noa", "oi");
        }
        assertThat(Flows.awaitRun(automation).getString("status")).isEqualTo("SUCCEEDED");
    }
}
