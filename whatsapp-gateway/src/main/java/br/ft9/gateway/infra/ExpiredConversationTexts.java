package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.retention.Expiry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Conversations whose last message is past their organisation's retention lose its text (the inbox's preview). */
@ApplicationScoped
public class ExpiredConversationTexts implements Expiry {

    private final Pool pool;

    public ExpiredConversationTexts(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String what() {
        return "conversations' last texts";
    }

    @Override
    public Uni<Integer> expireBatch() {
        return pool.preparedQuery("update conversation set last_message_text = null where id in (select c.id from conversation c"
                + " left join organization o on o.org_id = c.org_id where c.last_message_text is not null"
                + " and c.last_message_at < now() - make_interval(days => coalesce(o.message_retention_days, 365))"
                + " limit $1 for update of c skip locked)").execute(Tuple.of(batch())).map(rows -> rows.rowCount());
    }
}
