package br.ft9.memory.events;

import static br.ft9.memory.support.Knowledge.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** tenant-service's organisation events through the real broker: the assistant's profile, and erasure on deletion. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class OrganizationEventsTest {

    private static String snapshot(UUID orgId, boolean autoReply) {
        return ("{\"orgId\":\"%s\",\"name\":\"Escola Aprender\",\"slug\":\"aprender\",\"timeZone\":\"America/Sao_Paulo\","
                + "\"locale\":\"pt-BR\",\"status\":\"ACTIVE\",\"plan\":\"STARTER\",\"businessHours\":{\"monday\":[{\"open\":\"07:00\","
                + "\"close\":\"17:00\"}]},\"assistantPersona\":\"o Léo, da secretaria\",\"assistantTone\":\"FORMAL\",\"autoReply\":%s,"
                + "\"handoffMessage\":\"A secretaria responde em breve.\",\"notificationEmail\":null,"
                + "\"createdAt\":\"2026-11-25T12:00:00Z\",\"updatedAt\":\"2026-11-25T12:00:00Z\"}").formatted(orgId, autoReply);
    }

    @Test
    void the_organisations_snapshot_becomes_the_assistants_profile_and_its_deletion_erases_its_knowledge() {
        UUID school = UUID.randomUUID();
        String id = Knowledge.faq(school, "Qual o valor da matrícula?", "A matrícula custa R$ 500.");
        try (CloudEventSender kafka = new CloudEventSender()) {
            kafka.send("ft9.tenant.events", school.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.created.v1",
                    "tenant-service", school.toString(), snapshot(school, true));
            kafka.send("ft9.tenant.events", school.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.updated.v1",
                    "tenant-service", school.toString(), snapshot(school, false));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                var row = Knowledge.row("select auto_reply from organization_profile where org_id = $1", school);
                return row != null && !row.getBoolean(0);
            });
            var profile = Knowledge.row("select assistant_persona, assistant_tone, handoff_message, business_hours"
                    + " from organization_profile where org_id = $1", school);
            assertThat(profile.getString("assistant_persona")).isEqualTo("o Léo, da secretaria");
            assertThat(profile.getString("handoff_message")).isEqualTo("A secretaria responde em breve.");
            assertThat(profile.getString("business_hours")).contains("\"monday\"").contains("07:00");

            as(school, "ORG_AGENT").body("{\"query\":\"matrícula\"}").when().post("/api/knowledge/search").then().statusCode(200)
                    .body("items", hasSize(1));
            kafka.send("ft9.tenant.events", school.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.deleted.v1",
                    "tenant-service", school.toString(), "{\"orgId\":\"" + school + "\",\"name\":\"Escola Aprender\"}");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Knowledge.row(
                    "select count(*) from knowledge_item where org_id = $1", school).getLong(0) == 0);
        }
        assertThat(Knowledge.row("select count(*) from knowledge_chunk where org_id = $1", school).getLong(0)).isZero();
        assertThat(Knowledge.row("select count(*) from organization_profile where org_id = $1", school).getLong(0)).isZero();
        as(school, "ORG_AGENT").body("{\"query\":\"matrícula\"}").when().post("/api/knowledge/search").then().statusCode(200)
                .body("items", empty());
        as(school, "ORG_AGENT").when().get("/api/knowledge/items/{id}", id).then().statusCode(404);
    }
}
