package br.ft9.memory.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.memory.domain.StartingSynonyms;
import br.ft9.memory.domain.Synonyms;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where an organisation's synonyms are kept ({@code knowledge_synonyms}); an organisation without a row uses the
 * starting list. Saving bumps the organisation's index generation in the same transaction, so every replica's next
 * search reads them.
 */
@ApplicationScoped
public class SynonymStore {

    /** The organisation's synonyms, and whether it edited them (false: the starting list). */
    public record Kept(Synonyms synonyms, boolean edited) {
    }

    private final Pool pool;

    public SynonymStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Synonyms> of(UUID orgId) {
        return kept(orgId).map(Kept::synonyms);
    }

    public Uni<Kept> kept(UUID orgId) {
        return pool.preparedQuery("select groups from knowledge_synonyms where org_id = $1").execute(Tuple.of(orgId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new Kept(StartingSynonyms.byDefault(), false);
                    }
                    Object json = rows.iterator().next().getValue("groups");
                    JsonArray groups = json instanceof JsonArray a ? a : new JsonArray(json.toString());
                    List<List<String>> read = new ArrayList<>();
                    for (int i = 0; i < groups.size(); i++) {
                        JsonArray group = groups.getJsonArray(i);
                        List<String> expressions = new ArrayList<>();
                        group.forEach(e -> expressions.add(String.valueOf(e)));
                        read.add(expressions);
                    }
                    return new Kept(new Synonyms(read), true);
                });
    }

    /** Keeps the organisation's synonyms and bumps its index generation, in one transaction. */
    public Uni<Void> save(UUID orgId, Synonyms synonyms) {
        JsonArray groups = new JsonArray();
        synonyms.groups().forEach(g -> groups.add(new JsonArray(new ArrayList<>(g))));
        return pool.withTransaction(connection -> connection.preparedQuery("insert into knowledge_synonyms (org_id, groups,"
                + " updated_at) values ($1, $2, now()) on conflict (org_id) do update set groups = excluded.groups,"
                + " updated_at = now()").execute(Tuple.of(orgId, groups))
                .chain(() -> connection.preparedQuery("insert into knowledge_generation (org_id, generation) values ($1, 1)"
                        + " on conflict (org_id) do update set generation = knowledge_generation.generation + 1")
                        .execute(Tuple.of(orgId)))
                .replaceWithVoid());
    }
}
