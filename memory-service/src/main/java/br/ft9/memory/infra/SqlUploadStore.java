package br.ft9.memory.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.memory.domain.UploadStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** ingestion_job's content (bytea, emptied when the job ends) and its text_chars, summed over the last hour. */
@ApplicationScoped
public class SqlUploadStore implements UploadStore {

    @Override
    public Uni<LastHour> lastHour(UUID orgId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("select coalesce(sum(text_chars), 0),"
                + " extract(epoch from (min(created_at) + interval '1 hour' - now())) from ingestion_job where org_id = :org"
                + " and created_at > now() - interval '1 hour' and text_chars is not null", Object[].class)
                .setParameter("org", orgId).getSingleResult()))
                .map(row -> new LastHour(((Number) row[0]).longValue(),
                        row[1] == null ? null : (long) Math.ceil(((Number) row[1]).doubleValue())));
    }

    @Override
    public Uni<Void> keep(UUID jobId, byte[] bytes) {
        return Panache.getSession().chain(session -> session.flush().chain(() -> session.createNativeQuery(
                "update ingestion_job set content = :content where id = :id")
                .setParameter("content", bytes).setParameter("id", jobId).executeUpdate())).replaceWithVoid();
    }

    @Override
    public Uni<byte[]> content(UUID jobId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select content from ingestion_job where id = :id", byte[].class).setParameter("id", jobId).getSingleResult());
    }

    @Override
    public Uni<Void> settle(UUID jobId, String status, String reason) {
        return Panache.getSession().chain(session -> session.createNativeQuery("update ingestion_job set status = :status,"
                + " reason = :reason, content = null, updated_at = now() where id = :id")
                .setParameter("status", status).setParameter("reason", reason).setParameter("id", jobId).executeUpdate())
                .replaceWithVoid();
    }
}
