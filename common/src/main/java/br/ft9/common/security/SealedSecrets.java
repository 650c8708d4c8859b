package br.ft9.common.security;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seals again with the current key every secret of one column that a previous key sealed, after a rotation of the
 * channel-token key: each row is updated only if it still holds what was read (a concurrent change wins), so replicas
 * starting together do no harm. Run at a service's start; answers how many were sealed again.
 */
public final class SealedSecrets {

    private static final Logger LOG = Logger.getLogger(SealedSecrets.class);

    private SealedSecrets() {
    }

    /** {@code table}, {@code id} (its key column) and {@code column} are the service's own names, never input. */
    public static Uni<Integer> resealAll(Pool pool, SecretBox box, String table, String id, String column) {
        return pool.query("select " + id + "::text, " + column + " from " + table + " where " + column + " is not null").execute()
                .chain(rows -> {
                    List<Tuple> stale = new ArrayList<>();
                    for (Row row : rows) {
                        String sealed = row.getString(1);
                        try {
                            if (!box.sealedWithCurrentKey(sealed)) {
                                stale.add(Tuple.of(box.reseal(sealed), row.getString(0), sealed));
                            }
                        } catch (IllegalArgumentException e) {
                            // No key opens it (a key dropped too early): the row is left for an operator, named here.
                            LOG.errorf("%s.%s of row %s opens with no configured key: connect the number again", table, column,
                                    row.getString(0));
                        }
                    }
                    if (stale.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return pool.preparedQuery("update " + table + " set " + column + " = $1 where " + id + "::text = $2 and " + column
                            + " = $3").executeBatch(stale).map(done -> stale.size());
                })
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("%d secret(s) of %s.%s sealed again with the current key", count, table, column);
                    }
                });
    }
}
