package br.ft9.flow.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.retention.Expiry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finished automation runs past their organisation's retention (organization_profile.message_retention_days, 365 days
 * where tenant-service never said) lose their data: the trigger's message and contact, each step's input, output and
 * error. Runs and steps stay, counted. Run hourly by common's RetentionSweeper.
 */
@ApplicationScoped
public class ExpiredRunData implements Expiry {

    private final Pool pool;

    public ExpiredRunData(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String what() {
        return "automation runs";
    }

    @Override
    public int batch() {
        return 500;
    }

    @Override
    public Uni<Integer> expireBatch() {
        return pool.withTransaction(c -> c.preparedQuery("with due as (select r.id from run r left join organization_profile o"
                + " on o.org_id = r.org_id where r.facts <> '{}' and r.status in ('SUCCEEDED', 'FAILED')"
                + " and r.created_at < now() - make_interval(days => coalesce(o.message_retention_days, 365))"
                + " limit $1 for update of r skip locked),"
                + " steps as (update run_step set input = null, output = null, error = null where run_id in (select id from due))"
                + " update run set facts = '{}', error = null, contact_wa_id = null where id in (select id from due)")
                .execute(Tuple.of(batch())).map(rows -> rows.rowCount()));
    }
}
