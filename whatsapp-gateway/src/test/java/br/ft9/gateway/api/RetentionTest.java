package br.ft9.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.common.retention.RetentionSweeper;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An organisation's retention, as tenant-service announces it: messages older than it lose what was written (text,
 * Meta's object), the rows stay for counts; younger ones, and another organisation's under the default year, are kept.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class RetentionTest {

    private static void keepsWordsFor(UUID orgId, int days) {
        try (CloudEventSender kafka = new CloudEventSender()) {
            kafka.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.updated.v1",
                    "tenant-service", orgId.toString(), ("{\"orgId\":\"%s\",\"name\":\"Clínica Breve\",\"slug\":\"breve-%s\","
                            + "\"timeZone\":\"America/Recife\",\"locale\":\"pt-BR\",\"status\":\"ACTIVE\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                            + "\"messageRetentionDays\":%d}").formatted(orgId, orgId.toString().substring(0, 8), days));
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            var row = Meta.row("select message_retention_days from organization where org_id = $1", orgId);
            return row != null && Integer.valueOf(days).equals(row.getInteger(0));
        });
    }

    private static void writtenDaysAgo(UUID orgId, String wamid, int days) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Meta.row("select id from message where org_id = $1"
                + " and wa_message_id = $2", orgId, wamid) != null);
        Meta.execute("update message set sent_at = now() - make_interval(days => $3) where org_id = $1 and wa_message_id = $2",
                orgId, wamid, days);
    }

    private static String text(UUID orgId, String wamid) {
        return Meta.row("select coalesce(text, '<none>') || '|' || payload from message where org_id = $1 and wa_message_id = $2",
                orgId, wamid).getString(0);
    }

    @Test
    void words_older_than_the_organisations_retention_are_emptied_and_the_rows_stay_for_counts() {
        Meta.Number brief = Meta.connectedNumber();
        Meta.Number yearly = Meta.connectedNumber();
        keepsWordsFor(brief.orgId(), 30);
        String patient = Meta.waId();
        String old = Meta.contactWrites(brief, patient, "Minha receita: amoxicilina 500 mg");
        String recent = Meta.contactWrites(brief, patient, "Obrigada!");
        String otherOld = Meta.contactWrites(yearly, Meta.waId(), "Mensagem de 40 dias atrás");
        writtenDaysAgo(brief.orgId(), old, 40);
        writtenDaysAgo(brief.orgId(), recent, 20);
        writtenDaysAgo(yearly.orgId(), otherOld, 40);

        int emptied = Arc.container().instance(RetentionSweeper.class).get().sweep().await().atMost(Duration.ofSeconds(30));

        assertThat(emptied).isGreaterThanOrEqualTo(1);
        assertThat(text(brief.orgId(), old)).isEqualTo("<none>|{}");
        assertThat(text(brief.orgId(), recent)).startsWith("Obrigada!|").contains("\"body\"");
        assertThat(text(yearly.orgId(), otherOld)).startsWith("Mensagem de 40 dias atrás|");
        assertThat(Meta.row("select count(*) from message where org_id = $1", brief.orgId()).getLong(0))
                .as("counts and reports keep their rows").isEqualTo(2);
    }
}
