package br.ft9.memory.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.memory.domain.AnswerQuota;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** answer_quota (the month billing said was exceeded) and answer_usage (answers per month), by upsert. */
@ApplicationScoped
public class SqlAnswerQuota implements AnswerQuota {

    @Override
    public Uni<Void> exceeded(UUID orgId, String month) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into answer_quota (org_id, exceeded_period,"
                + " updated_at) values (:org, :period, now()) on conflict (org_id) do update set exceeded_period ="
                + " excluded.exceeded_period, updated_at = now()").setParameter("org", orgId).setParameter("period", month)
                .executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> lifted(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from answer_quota where org_id = :org")
                .setParameter("org", orgId).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> answered(UUID orgId, String month) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into answer_usage (org_id, month, answers)"
                + " values (:org, :month, 1) on conflict (org_id, month) do update set answers = answer_usage.answers + 1")
                .setParameter("org", orgId).setParameter("month", month).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> erase(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from knowledge_generation where org_id = :org")
                .setParameter("org", orgId).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from answer_usage where org_id = :org").setParameter("org", orgId).executeUpdate())
                .chain(() -> s.createNativeQuery("delete from knowledge_synonyms where org_id = :org").setParameter("org", orgId)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
