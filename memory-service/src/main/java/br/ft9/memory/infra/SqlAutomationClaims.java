package br.ft9.memory.infra;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.sql.SessionSql;
import br.ft9.common.text.MessageClaim;
import br.ft9.memory.domain.AutomationClaims;
import io.smallrye.mutiny.Uni;

/**
 * automation_claims: one row of JSON claims per organisation, replaced only by claims announced later; what every message
 * reads back is parsed once per organisation and text.
 */
@ApplicationScoped
public class SqlAutomationClaims implements AutomationClaims {

    private static final TypeReference<List<MessageClaim>> CLAIMS = new TypeReference<>() {
    };

    /** The text last read for an organisation and its claims: the row changes only when flow-service announces. */
    private record Parsed(String kept, List<MessageClaim> claims) {
    }

    private final ObjectMapper json;
    private final ConcurrentMap<UUID, Parsed> parsed = new ConcurrentHashMap<>();

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
        return SessionSql.update("delete from automation_claims where org_id = $1", orgId).invoke(() -> parsed.remove(orgId))
                .replaceWithVoid();
    }

    /** The organisation's claims kept as JSON, read back; none when there is no row. */
    List<MessageClaim> read(UUID orgId, String kept) {
        if (kept == null) {
            parsed.remove(orgId);
            return List.of();
        }
        Parsed last = parsed.get(orgId);
        if (last != null && last.kept().equals(kept)) {
            return last.claims();
        }
        List<MessageClaim> claims = parse(kept);
        parsed.put(orgId, new Parsed(kept, claims));
        return claims;
    }

    private List<MessageClaim> parse(String kept) {
        try {
            return List.copyOf(json.readValue(kept, CLAIMS));
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
