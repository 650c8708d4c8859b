package br.ft9.flow.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

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
