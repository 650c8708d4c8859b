package br.ft9.common.testing;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the service's own schema from a {@code @QuarkusTest}, through the service's own reactive pool. */
public final class Sql {

    private Sql() {
    }

    public static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    /** The first row of a query, or null. */
    public static Row row(String sql, Object... parameters) {
        var rows = pool().preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    public static void execute(String sql, Object... parameters) {
        pool().preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely();
    }
}
