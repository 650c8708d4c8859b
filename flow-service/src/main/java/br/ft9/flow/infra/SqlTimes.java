package br.ft9.flow.infra;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A timestamp column read through a native query, whichever Java type the driver returns it as. */
final class SqlTimes {

    private SqlTimes() {
    }

    static OffsetDateTime of(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return value instanceof java.sql.Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC) : null;
    }
}
