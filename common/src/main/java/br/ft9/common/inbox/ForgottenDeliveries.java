package br.ft9.common.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.common.retention.Expiry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumers' record of applied events ({@link ProcessedEvents}) is forgotten once no copy of the event can come
 * back: {@value #REMEMBER_FOR} (FT9_INBOX_REMEMBER_FOR, 90 days) is longer than any topic keeps a record (30 days at
 * most) and than a dead letter stays replayable (tenant-service refuses older ones), so a forgotten id is never seen
 * again. Without it the table grows by every event every consumer reads. Run hourly by {@code RetentionSweeper}.
 */
@ApplicationScoped
public class ForgottenDeliveries implements Expiry {

    /** How long a consumer remembers an event it applied. */
    public static final String REMEMBER_FOR = "ft9.inbox.remember-for";

    private final Pool pool;
    private final Clock clock;
    private final Duration rememberFor;

    public ForgottenDeliveries(Pool pool, Clock clock, @ConfigProperty(name = REMEMBER_FOR) Duration rememberFor) {
        this.pool = pool;
        this.clock = clock;
        this.rememberFor = rememberFor;
    }

    @Override
    public String what() {
        return "records of applied events";
    }

    @Override
    public String because() {
        return "older than any redelivery (" + REMEMBER_FOR + " " + rememberFor.toDays() + " days)";
    }

    @Override
    public int batch() {
        return 5000;
    }

    @Override
    public Uni<Integer> expireBatch() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(rememberFor).withOffsetSameInstant(ZoneOffset.UTC);
        return pool.preparedQuery("delete from processed_event where (consumer, event_id) in (select consumer, event_id"
                + " from processed_event where processed_at < $1 limit $2 for update skip locked)")
                .execute(Tuple.of(before, batch())).map(rows -> rows.rowCount());
    }
}
