package br.ft9.memory.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.memory.domain.AnsweringState;
import br.ft9.memory.domain.OrganizationProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * processed_event, answer_quota, organization_profile, automation_claims and knowledge_generation read by one statement, in a session of its own (every inbound
 * message; through {@link SessionSql}, past Hibernate's query-plan cache).
 */
@ApplicationScoped
public class SqlAnsweringState implements AnsweringState {

    private final SqlAutomationClaims claims;

    public SqlAnsweringState(SqlAutomationClaims claims) {
        this.claims = claims;
    }

    @Override
    public Uni<Standing> of(UUID orgId, String month, String consumer, String eventId) {
        return Panache.withSession(() -> SessionSql.row("select"
                + " exists (select 1 from processed_event where consumer = $1 and event_id = $2),"
                + " exists (select 1 from answer_quota where org_id = $3 and exceeded_period = $4),"
                + " p.org_id, p.name, p.time_zone, p.locale, p.status, p.assistant_persona, p.assistant_tone, p.auto_reply,"
                + " p.handoff_message, p.business_hours, p.message_retention_days,"
                + " (select c.claims::text from automation_claims c where c.org_id = $3),"
                + " coalesce((select g.generation from knowledge_generation g where g.org_id = $3), 0)"
                + " from (values (1)) as one left join organization_profile p on p.org_id = $3", consumer, eventId, orgId, month))
                .map(row -> new Standing((Boolean) row[0], row[2] == null ? null : profile(row), (Boolean) row[1],
                        claims.read(orgId, (String) row[13]), ((Number) row[14]).longValue()));
    }

    private static OrganizationProfile profile(Object[] row) {
        OrganizationProfile profile = new OrganizationProfile();
        profile.orgId = (UUID) row[2];
        profile.name = (String) row[3];
        profile.timeZone = (String) row[4];
        profile.locale = (String) row[5];
        profile.status = (String) row[6];
        profile.assistantPersona = (String) row[7];
        profile.assistantTone = (String) row[8];
        profile.autoReply = (Boolean) row[9];
        profile.handoffMessage = (String) row[10];
        profile.businessHours = (String) row[11];
        profile.messageRetentionDays = row[12] == null ? null : ((Number) row[12]).intValue();
        return profile;
    }
}
