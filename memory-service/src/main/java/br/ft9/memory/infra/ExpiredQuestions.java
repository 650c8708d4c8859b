package br.ft9.memory.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.retention.Expiry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Questions the assistant handed off (a patient's words, and what a person replied) past their organisation's
 * retention (organization_profile.message_retention_days, 365 days where tenant-service never said) are deleted. Run
 * hourly by common's RetentionSweeper.
 */
@ApplicationScoped
public class ExpiredQuestions implements Expiry {

    private final Pool pool;

    public ExpiredQuestions(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String what() {
        return "handed-off questions";
    }

    @Override
    public Uni<Integer> expireBatch() {
        return pool.preparedQuery("delete from knowledge_gap where id in (select g.id from knowledge_gap g"
                + " left join organization_profile o on o.org_id = g.org_id"
                + " where g.asked_at < now() - make_interval(days => coalesce(o.message_retention_days, 365))"
                + " limit $1 for update of g skip locked)").execute(Tuple.of(batch())).map(rows -> rows.rowCount());
    }
}
