package br.ft9.common.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Hot statements, run on the Panache session's own connection (so in its transaction) but not as Hibernate native or
 * HQL queries.
 * <p>
 * Why: Hibernate Reactive never finds a native select in its query-plan cache (its result mapping has no equals), so
 * every execution adds an entry and walks the earlier entries of the same SQL; on the message paths that walk was 9 %
 * of a service's CPU. A native or HQL update is parsed into Hibernate's query objects and translated again at every
 * execution. Statements here use PostgreSQL's {@code $1, $2...} placeholders, with a cast where the server cannot infer
 * a parameter's type. Unlike a native query, the session is not flushed first: callers hold no unwritten entity a
 * statement here reads or references (its entities are written at commit, after these statements).
 */
public final class SessionSql {

    private SessionSql() {
    }

    /** Every row the statement returns, each as its columns' values (uuid, text, boolean, int, bigint, timestamptz...). */
    public static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> rows(session, sql, parameters));
    }

    /** The first row the statement returns, or null when it returns none. */
    public static Uni<Object[]> row(String sql, Object... parameters) {
        return rows(sql, parameters).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Runs an insert, update or delete; answers how many rows it changed. */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession()
                .chain(session -> Uni.createFrom().completionStage(() -> connection(session).update(sql, parameters)));
    }

    private static Uni<List<Object[]>> rows(Mutiny.Session session, String sql, Object... parameters) {
        return Uni.createFrom().completionStage(() -> connection(session).select(sql, parameters)).map(result -> {
            List<Object[]> rows = new ArrayList<>();
            for (Iterator<Object[]> it = result; it.hasNext(); ) {
                rows.add(it.next());
            }
            return rows;
        });
    }

    /** The connection holding the session's transaction (Hibernate Reactive's own; its Mutiny API does not name it). */
    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl reactive) {
            return reactive.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive session: " + session.getClass().getName());
    }
}
