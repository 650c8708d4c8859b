package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.retention.Expiry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Messages past their organisation's retention (organization.message_retention_days, 365 days where tenant-service
 * never said) lose what was written: text, and Meta's object with its media references. The rows stay, so counts,
 * reports and journeys keep working. Run hourly by common's RetentionSweeper.
 */
@ApplicationScoped
public class ExpiredMessages implements Expiry {

    private final Pool pool;

    public ExpiredMessages(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String what() {
        return "messages";
    }

    @Override
    public Uni<Integer> expireBatch() {
        return pool.preparedQuery("with due as (select m.id from message m left join organization o on o.org_id = m.org_id"
                + " where (m.text is not null or m.payload <> '{}')"
                + " and m.sent_at < now() - make_interval(days => coalesce(o.message_retention_days, 365))"
                + " limit $1 for update of m skip locked)"
                + " update message set text = null, payload = '{}' where id in (select id from due)")
                .execute(Tuple.of(batch())).map(rows -> rows.rowCount());
    }
}
