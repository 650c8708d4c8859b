package br.ft9.common.errors;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL failures that are the caller's fault rather than the server's. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /** True when a unique constraint refused the write: a concurrent request won the race. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            // What Hibernate Reactive's flush reports: the driver's error converted to JDBC's type.
            if (t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
