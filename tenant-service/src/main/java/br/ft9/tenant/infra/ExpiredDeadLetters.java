package br.ft9.tenant.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.retention.Expiry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Dead letters keep a record's data (contacts' words among it) only while someone may need it: a replayed or discarded
 * one for 30 days after, any one no longer than its organisation's retention (a pending one past it is discarded, with
 * that reason). The row stays with where it came from, why it failed and what was done. Run hourly by common's
 * RetentionSweeper.
 */
@ApplicationScoped
public class ExpiredDeadLetters implements Expiry {

    private final Pool pool;

    public ExpiredDeadLetters(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String what() {
        return "dead letters' records";
    }

    @Override
    public Uni<Integer> expireBatch() {
        return pool.preparedQuery("with due as (select d.id from dead_letter d left join organization o on o.id = d.org_id"
                + " where (d.payload is not null or d.headers <> '[]')"
                + " and ((d.status <> 'PENDING' and d.settled_at < now() - interval '30 days')"
                + " or d.dead_lettered_at < now() - make_interval(days => coalesce(o.message_retention_days, 365)))"
                + " limit $1 for update of d skip locked)"
                + " update dead_letter set payload = null, headers = '[]', record_key = null, reason = null, cause = null,"
                + " discard_reason = case when status = 'PENDING' then 'past the organisation''s retention' else discard_reason end,"
                + " settled_at = case when status = 'PENDING' then now() else settled_at end,"
                + " status = case when status = 'PENDING' then 'DISCARDED' else status end"
                + " where id in (select id from due)").execute(Tuple.of(batch())).map(rows -> rows.rowCount());
    }
}
