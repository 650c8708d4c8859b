package br.ft9.memory.infra;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.sql.SessionSql;
import br.ft9.common.text.MessageClaim;
import br.ft9.memory.domain.AutomationClaims;
import io.smallrye.mutiny.Uni;

/** automation_claims: one row of JSON claims per organisation, replaced only by claims announced later. */
@ApplicationScoped
public class SqlAutomationClaims implements AutomationClaims {

    private static final TypeReference<List<MessageClaim>> CLAIMS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SqlAutomationClaims(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<Void> keep(UUID orgId, List<MessageClaim> claims, OffsetDateTime at) {
        return Uni.createFrom().item(() -> write(claims)).chain(written -> SessionSql.update("insert into automation_claims (org_id,"
                + " claims, announced_at) values ($1, cast($2 as text)::jsonb, $3) on conflict (org_id) do update set claims = excluded.claims,"
                + " announced_at = excluded.announced_at where automation_claims.announced_at <= excluded.announced_at",
                orgId, written, at)).replaceWithVoid();
    }

    @Override
    public Uni<Void> erase(UUID orgId) {
        return SessionSql.update("delete from automation_claims where org_id = $1", orgId).replaceWithVoid();
    }

    /** The claims kept as JSON, read back; none when there is no row. */
    List<MessageClaim> read(String kept) {
        if (kept == null) {
            return List.of();
        }
        try {
            return json.readValue(kept, CLAIMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("automation_claims holds JSON that is not a list of claims", e);
        }
    }

    private String write(List<MessageClaim> claims) {
        try {
            return json.writeValueAsString(claims == null ? List.of() : claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
