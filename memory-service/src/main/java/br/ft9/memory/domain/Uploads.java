package br.ft9.memory.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.TooManyRequests;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Documents uploaded as files: accepted at once (202) with a job, then parsed, chunked and embedded in
 * the background with the job's progress kept up to date. A document that cannot be read fails with the
 * reason and leaves nothing in the index; a restart finishes the jobs it interrupted.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    private static final int BATCH = 16;

    /** What an upload answers: the item and its job. */
    public record Accepted(KnowledgeItem item, IngestionJob job) {
    }

    /** An upload over the size limit (413). */
    public static class TooLarge extends RuntimeException {
        public TooLarge(String detail) {
            super(detail);
        }
    }

    private final KnowledgeBase knowledge;
    private final Indexes indexes;
    private final Vertx vertx;
    private final Documents documents;
    private final UploadStore store;
    private final long maxBytes;
    private final long charsPerHour;
    /**
     * Documents are read two at a time at most, on threads of their own: a costly file waits its turn instead of taking
     * the workers every other job and request share.
     */
    private io.vertx.mutiny.core.WorkerExecutor documentWorker;

    public Uploads(KnowledgeBase knowledge, Indexes indexes, Vertx vertx, Documents documents, UploadStore store,
            @ConfigProperty(name = "ft9.knowledge.max-upload-bytes", defaultValue = "10485760") long maxBytes,
            @ConfigProperty(name = "ft9.knowledge.document-chars-per-hour", defaultValue = "3000000") long charsPerHour) {
        this.charsPerHour = charsPerHour;
        this.documents = documents;
        this.store = store;
        this.knowledge = knowledge;
        this.indexes = indexes;
        this.vertx = vertx;
        this.maxBytes = maxBytes;
    }

    private synchronized io.vertx.mutiny.core.WorkerExecutor documentWorker() {
        if (documentWorker == null) {
            documentWorker = vertx.createSharedWorkerExecutor("ft9-documents", 2, 2, java.util.concurrent.TimeUnit.MINUTES);
        }
        return documentWorker;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Uni<Accepted> upload(UUID orgId, String filename, byte[] bytes, String title, List<String> tags) {
        String kind = Documents.extension(filename);
        if (!Documents.KINDS.containsKey(kind)) {
            throw new InvalidField("file", "the file must be .txt, .md, .html, .pdf or .docx");
        }
        if (bytes.length == 0) {
            throw new InvalidField("file", "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new TooLarge("the file is " + bytes.length + " bytes; the limit is " + maxBytes);
        }
        return withinBudget(orgId).chain(() -> accept(orgId, filename, kind, bytes, title, tags));
    }

    /**
     * An organisation's documents share the service's CPU with every other organisation's: once the text its documents
     * gave in the last hour reaches the budget, the next upload waits (429 with the time to wait) instead of queueing.
     */
    private Uni<Void> withinBudget(UUID orgId) {
        return store.lastHour(orgId)
                .invoke(lastHour -> {
                    long used = lastHour.chars();
                    if (used >= charsPerHour) {
                        long wait = lastHour.secondsUntilFirstLeaves() == null ? 60 : Math.max(1, lastHour.secondsUntilFirstLeaves());
                        throw new TooManyRequests("this organisation's documents gave " + used + " characters of text in the last"
                                + " hour, its budget is " + charsPerHour + "; upload again in " + Math.max(1, wait / 60) + " min",
                                java.time.Duration.ofSeconds(wait));
                    }
                }).replaceWithVoid();
    }

    private Uni<Accepted> accept(UUID orgId, String filename, String kind, byte[] bytes, String title, List<String> tags) {
        KnowledgeItem item = new KnowledgeItem();
        item.id = UUID.randomUUID();
        item.orgId = orgId;
        item.kind = KnowledgeItem.DOCUMENT;
        item.title = title == null || title.isBlank() ? filename : title.strip();
        item.tags = tags == null ? new ArrayList<>() : tags;
        item.enabled = true;
        item.filename = filename;
        item.contentType = Documents.KINDS.get(kind);
        item.sizeBytes = (long) bytes.length;
        item.status = KnowledgeItem.PROCESSING;
        item.createdAt = knowledge.now();
        item.updatedAt = item.createdAt;
        if (item.title.length() > 300) {
            throw new InvalidField("title", "title is longer than 300 characters");
        }
        IngestionJob job = new IngestionJob();
        job.id = UUID.randomUUID();
        job.orgId = orgId;
        job.itemId = item.id;
        job.status = IngestionJob.QUEUED;
        job.createdAt = item.createdAt;
        job.updatedAt = item.createdAt;
        return Panache.withTransaction(() -> item.persist().chain(job::persist).call(() -> store.keep(job.id, bytes))
                        .call(() -> knowledge.audit().record(orgId, br.ft9.common.audit.AuditAction.KNOWLEDGE_ADDED, "knowledge_item",
                                item.id, null, java.util.Map.of("kind", item.kind, "title", item.title, "filename", filename,
                                        "sizeBytes", item.sizeBytes))))
                .invoke(() -> process(job.id).subscribe().with(done -> { }, e -> LOG.errorf(e, "job %s", job.id)))
                .replaceWith(new Accepted(item, job));
    }

    /**
     * Jobs a stop interrupted (still queued or running, untouched for ten minutes: progress refreshes a running
     * job's time) are started again.
     */
    public Uni<Void> resumeInterrupted() {
        return Panache.withSession(() -> IngestionJob.<IngestionJob>list("status in ?1 and updatedAt < ?2",
                List.of(IngestionJob.QUEUED, IngestionJob.RUNNING), knowledge.now().minusMinutes(10)))
                .invoke(jobs -> jobs.forEach(job -> {
                    LOG.infof("resuming ingestion job %s", job.id);
                    process(job.id).subscribe().with(done -> { }, e -> LOG.errorf(e, "job %s", job.id));
                }))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("could not look for interrupted jobs: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    public Uni<Void> process(UUID jobId) {
        return Panache.withTransaction(() -> IngestionJob.<IngestionJob>findById(jobId).chain(job -> {
            job.status = IngestionJob.RUNNING;
            job.updatedAt = knowledge.now();
            return store.content(jobId)
                    .chain(content -> KnowledgeItem.<KnowledgeItem>findById(job.itemId).map(item -> new Object[] { content, item }));
        })).chain(loaded -> {
            byte[] bytes = (byte[]) loaded[0];
            KnowledgeItem item = (KnowledgeItem) loaded[1];
            return documentWorker().executeBlocking(() -> documents.read(item.filename, bytes), false)
                    .call(text -> Panache.withTransaction(() -> IngestionJob.update("textChars = ?1 where id = ?2", text.length(), jobId)))
                    .chain(text -> embedInBatches(jobId, item, text))
                    .chain(passages -> finish(jobId, item, passages))
                    .onFailure().recoverWithUni(failure -> fail(jobId, item.id, failure));
        });
    }

    private Uni<List<KnowledgeIndex.Passage>> embedInBatches(UUID jobId, KnowledgeItem item, String text) {
        item.body = text;
        List<String> chunks = knowledge.chunks(text);
        List<KnowledgeIndex.Passage> passages = new ArrayList<>();
        Uni<Void> chain = progress(jobId, 0, chunks.size());
        for (int from = 0; from < chunks.size(); from += BATCH) {
            List<String> batch = chunks.subList(from, Math.min(chunks.size(), from + BATCH));
            int done = Math.min(chunks.size(), from + BATCH);
            chain = chain.chain(() -> vertx.executeBlocking(() -> knowledge.embedder().embedAll(batch), false))
                    .invoke(vectors -> {
                        for (int i = 0; i < batch.size(); i++) {
                            passages.add(new KnowledgeIndex.Passage(UUID.randomUUID(), item.id, batch.get(i), vectors.get(i)));
                        }
                    })
                    .chain(() -> progress(jobId, done, chunks.size()));
        }
        return chain.replaceWith(passages);
    }

    private Uni<Void> progress(UUID jobId, int done, int total) {
        return Panache.withTransaction(() -> IngestionJob.update("chunksDone = ?1, chunksTotal = ?2, updatedAt = ?3 where id = ?4",
                done, total, knowledge.now(), jobId)).replaceWithVoid();
    }

    private Uni<Void> finish(UUID jobId, KnowledgeItem processed, List<KnowledgeIndex.Passage> passages) {
        return Panache.withTransaction(() -> KnowledgeItem.<KnowledgeItem>findById(processed.id).chain(item -> {
            if (item == null) {
                return Uni.createFrom().<Finished>nullItem(); // deleted while it was being processed
            }
            item.body = processed.body;
            item.status = KnowledgeItem.READY;
            item.updatedAt = knowledge.now();
            return knowledge.replaceChunks(item, passages)
                    .chain(() -> settle(jobId, IngestionJob.DONE, null))
                    .chain(() -> knowledge.nextGeneration(item.orgId))
                    .map(generation -> new Finished(generation, Retrieval.Source.of(item)));
        })).chain(finished -> finished == null ? Uni.createFrom().voidItem()
                : indexes.applied(processed.orgId, finished.generation(), processed.id, finished.item(),
                        processed.enabled ? passages : List.of()));
    }

    /** A processed document's commit: its index generation, and the item as its passages cite it. */
    private record Finished(long generation, Retrieval.Source item) {
    }

    private Uni<Void> fail(UUID jobId, UUID itemId, Throwable failure) {
        String reason = failure instanceof Documents.Unreadable ? failure.getMessage()
                : "processing failed: " + failure.getClass().getSimpleName();
        LOG.warnf("ingestion job %s failed: %s", jobId, reason);
        return Panache.withTransaction(() -> KnowledgeItem.update("status = ?1, statusReason = ?2, updatedAt = ?3 where id = ?4",
                KnowledgeItem.FAILED, reason, knowledge.now(), itemId)
                .chain(() -> settle(jobId, IngestionJob.FAILED, reason)))
                .replaceWithVoid();
    }

    /** Ends the job and lets go of the upload's bytes, in the caller's transaction. */
    private Uni<Void> settle(UUID jobId, String status, String reason) {
        return store.settle(jobId, status, reason);
    }
}
