package br.ft9.flow.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.ContactData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Contacts' automation data in flow_contact (fields as a JSON object, tags as a text array). */
@ApplicationScoped
public class SqlContactStore implements ContactData.Store {

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public SqlContactStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    @Override
    public Uni<ContactData.Profile> find(UUID orgId, String waId) {
        return pool.preparedQuery("select wa_id, name, fields, tags from flow_contact where org_id = $1 and wa_id = $2")
                .execute(Tuple.of(orgId, waId)).map(rows -> rows.iterator().hasNext() ? profile(rows.iterator().next()) : null);
    }

    @Override
    public Uni<ContactData.Profile> save(UUID orgId, String waId, Map<String, String> fields, List<String> tags) {
        String fieldsJson;
        try {
            fieldsJson = json.writeValueAsString(fields);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return pool.preparedQuery("insert into flow_contact (org_id, wa_id, fields, tags, first_seen_at) values ($1, $2, $3, $4, now())"
                + " on conflict (org_id, wa_id) do update set fields = excluded.fields, tags = excluded.tags"
                + " returning wa_id, name, fields, tags")
                .execute(Tuple.of(orgId, waId, fieldsJson, tags.toArray(String[]::new)))
                .map(rows -> profile(rows.iterator().next()));
    }

    @Override
    public Uni<JsonNode> runs(UUID orgId, String waId) {
        return pool.preparedQuery("select r.id, r.automation_id, a.name, r.status, r.facts, r.error, r.created_at, r.updated_at,"
                + " coalesce((select json_agg(json_build_object('step', s.step, 'type', s.type, 'status', s.status, 'input', s.input,"
                + " 'output', s.output, 'error', s.error, 'startedAt', s.started_at, 'finishedAt', s.finished_at) order by s.step)"
                + " from run_step s where s.run_id = r.id), '[]')::text as steps"
                + " from run r join automation a on a.id = r.automation_id where r.org_id = $1 and r.contact_wa_id = $2"
                + " order by r.created_at").execute(Tuple.of(orgId, waId)).map(rows -> {
                    ArrayNode runs = json.createArrayNode();
                    for (Row row : rows) {
                        ObjectNode run = runs.addObject();
                        run.put("id", row.getUUID("id").toString());
                        run.put("automationId", row.getUUID("automation_id").toString());
                        run.put("automationName", row.getString("name"));
                        run.put("status", row.getString("status"));
                        run.put("error", row.getString("error"));
                        run.put("createdAt", String.valueOf(row.getOffsetDateTime("created_at")));
                        run.set("facts", read(row.getString("facts")));
                        run.set("steps", read(row.getString("steps")));
                    }
                    return runs;
                });
    }

    /**
     * In the caller's transaction (the one recording the erasure event): a run its batch started for the contact a moment
     * before is erased too, and the contact's row, which that batch holds locked, is not waited for from another one.
     */
    @Override
    public Uni<Integer> erase(UUID orgId, String waId) {
        return SessionSql.update("update run_step set input = null, output = null, error = null"
                + " where run_id in (select id from run where org_id = $1 and contact_wa_id = $2)", orgId, waId)
                .chain(() -> SessionSql.update("update run set facts = '{}', contact_wa_id = null,"
                        + " error = case when status in ('READY', 'RUNNING') then 'the contact''s data was erased' end,"
                        + " status = case when status in ('READY', 'RUNNING') then 'FAILED' else status end"
                        + " where org_id = $1 and contact_wa_id = $2", orgId, waId))
                .call(runs -> SessionSql.update("delete from flow_contact where org_id = $1 and wa_id = $2", orgId, waId));
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.nullNode() : json.readTree(text);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private ContactData.Profile profile(Row row) {
        Map<String, String> fields;
        try {
            fields = json.readValue(row.getString("fields"), FIELDS);
        } catch (Exception e) {
            fields = Map.of();
        }
        String[] tags = row.getArrayOfStrings("tags");
        return new ContactData.Profile(row.getString("wa_id"), row.getString("name"), fields,
                tags == null ? List.of() : new ArrayList<>(List.of(tags)));
    }
}
