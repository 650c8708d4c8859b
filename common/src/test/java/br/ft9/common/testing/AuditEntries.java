package br.ft9.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit entries a service wrote into its own outbox for one organisation, oldest first (what it sends to the trail). */
public final class AuditEntries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditEntries() {
    }

    public static List<JsonNode> of(UUID orgId) {
        List<JsonNode> entries = new ArrayList<>();
        for (Row row : Sql.pool().preparedQuery("select payload from event_outbox where org_id = $1 and type = 'ft9.audit.recorded.v1'"
                + " and topic = 'ft9.audit' order by created_at, id").execute(Tuple.of(orgId)).await().indefinitely()) {
            try {
                entries.add(JSON.readTree(row.getString(0)));
            } catch (Exception e) {
                throw new IllegalStateException("an audit entry that is not JSON", e);
            }
        }
        return entries;
    }

    /** The organisation's entries of one action. */
    public static List<JsonNode> of(UUID orgId, String action) {
        return of(orgId).stream().filter(e -> action.equals(e.path("action").asText())).toList();
    }
}
