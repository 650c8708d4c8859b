package br.ft9.memory.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.common.api.PageResponse;
import br.ft9.common.api.TextSearch;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import br.ft9.common.audit.Actor;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The organisation's knowledge: FAQ entries and texts written in the API, and documents uploaded as
 * files. Each change chunks and embeds the text off the event loop first, then stores the item, its
 * chunks and the organisation's new index generation in one transaction, then updates the search index.
 */
@ApplicationScoped
public class KnowledgeBase {

    /** What a caller asks to create: an FAQ (question + answer) or a text (title + body), and the gaps it answers. */
    public record NewItem(String kind, String title, String question, String answer, String body, List<String> tags,
            Boolean enabled, List<UUID> resolvesGaps, List<String> phrasings) {
    }

    /** What a caller asks to change; null fields stay as they are. */
    public record Changes(String title, String question, String answer, String body, List<String> tags, Boolean enabled,
            List<String> phrasings, List<UUID> resolvesGaps) {
    }

    private final Indexes indexes;
    private final ChunkStore chunks;
    private final Embedder embedder;
    private final Chunker chunker;
    private final Vertx vertx;
    private final KnowledgeGaps gaps;
    private final AuditTrail audit;
    private final Clock clock;

    public KnowledgeBase(Indexes indexes, ChunkStore chunks, Embedder embedder, Vertx vertx, KnowledgeGaps gaps, AuditTrail audit,
            Clock clock,
            @ConfigProperty(name = "ft9.knowledge.chunk-max-chars", defaultValue = "" + Chunker.MAX_CHARS) int maxChars,
            @ConfigProperty(name = "ft9.knowledge.chunk-overlap-chars", defaultValue = "" + Chunker.OVERLAP_CHARS) int overlapChars) {
        this.indexes = indexes;
        this.chunks = chunks;
        this.embedder = embedder;
        this.vertx = vertx;
        this.gaps = gaps;
        this.audit = audit;
        this.clock = clock;
        this.chunker = new Chunker(maxChars, overlapChars);
    }

    public Uni<KnowledgeItem> create(UUID orgId, NewItem request) {
        KnowledgeItem item = new KnowledgeItem();
        item.id = UUID.randomUUID();
        item.orgId = orgId;
        item.kind = request.kind() == null ? null : request.kind().toUpperCase();
        item.title = request.title();
        item.question = request.question();
        item.answer = request.answer();
        item.body = request.body();
        item.tags = tags(request.tags());
        item.phrasings = tags(request.phrasings());
        item.enabled = request.enabled() == null || request.enabled();
        item.status = KnowledgeItem.READY;
        item.createdAt = now();
        item.updatedAt = item.createdAt;
        if (KnowledgeItem.FAQ.equals(item.kind) && item.title == null) {
            item.title = item.question;
        }
        validate(item);
        Actor actor = AuditTrail.currentActor(); // read now: the item is stored after the embedding's worker thread
        return store(item, true, () -> gaps.close(orgId, request.resolvesGaps(), item.id)
                .chain(() -> audit.record(actor, orgId, AuditAction.KNOWLEDGE_ADDED, "knowledge_item", item.id, null, shown(item))));
    }

    public Uni<KnowledgeItem> update(UUID orgId, UUID id, Changes changes) {
        Actor actor = AuditTrail.currentActor();
        return Panache.withSession(() -> KnowledgeItem.ofOrganization(orgId, id)).chain(item -> {
            if (item == null) {
                throw new NotFound("no knowledge item " + id);
            }
            if (KnowledgeItem.PROCESSING.equals(item.status)) {
                throw new br.ft9.common.errors.Conflict("status", "the document is still being processed");
            }
            String before = item.searchableText();
            Map<String, Object> shownBefore = shown(item);
            if (changes.title() != null) {
                item.title = changes.title();
            }
            if (changes.question() != null) {
                item.question = changes.question();
            }
            if (changes.answer() != null) {
                item.answer = changes.answer();
            }
            if (changes.body() != null) {
                if (KnowledgeItem.DOCUMENT.equals(item.kind)) {
                    throw new InvalidField("body", "a document's text comes from its file; upload it again to change it");
                }
                item.body = changes.body();
            }
            if (changes.tags() != null) {
                item.tags = tags(changes.tags());
            }
            if (changes.phrasings() != null) {
                item.phrasings = tags(changes.phrasings());
            }
            if (changes.enabled() != null) {
                item.enabled = changes.enabled();
            }
            item.updatedAt = now();
            validate(item);
            return store(item, !java.util.Objects.equals(before, item.searchableText()),
                    () -> gaps.close(orgId, changes.resolvesGaps(), item.id).chain(() -> audit.record(actor, orgId,
                            AuditAction.KNOWLEDGE_CHANGED, "knowledge_item", item.id, shownBefore, shown(item))));
        });
    }

    public Uni<Void> delete(UUID orgId, UUID id) {
        return Panache.withTransaction(() -> KnowledgeItem.ofOrganization(orgId, id).chain(item -> {
            if (item == null) {
                throw new NotFound("no knowledge item " + id);
            }
            return item.delete()
                    .chain(() -> audit.record(orgId, AuditAction.KNOWLEDGE_REMOVED, "knowledge_item", id, shown(item), null))
                    .chain(() -> chunks.nextGeneration(orgId));
        })).chain(generation -> indexes.applied(orgId, generation, id, null, List.of()));
    }

    @WithSession
    public Uni<KnowledgeItem> get(UUID orgId, UUID id) {
        return KnowledgeItem.ofOrganization(orgId, id).map(item -> {
            if (item == null) {
                throw new NotFound("no knowledge item " + id);
            }
            return item;
        });
    }

    @WithSession
    public Uni<PageResponse<KnowledgeItem>> list(UUID orgId, String kind, String text, String tag, Boolean enabled, int page,
            int size) {
        StringBuilder where = new StringBuilder("orgId = :org");
        Parameters parameters = Parameters.with("org", orgId);
        if (kind != null) {
            where.append(" and kind = :kind");
            parameters.and("kind", kind.toUpperCase());
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(title) like :text or lower(coalesce(question, '')) like :text)");
            parameters.and("text", TextSearch.containing(text));
        }
        if (tag != null && !tag.isBlank()) {
            where.append(" and array_contains(tags, :tag)");
            parameters.and("tag", tag.strip());
        }
        if (enabled != null) {
            where.append(" and enabled = :enabled");
            parameters.and("enabled", enabled);
        }
        return PageResponse.of(KnowledgeItem.<KnowledgeItem>find(where + " order by updatedAt desc, id", parameters), page, size);
    }

    /**
     * Stores the item; when its text changed, with new chunks embedded beforehand (off the event loop),
     * all in one transaction with the organisation's next index generation; then updates the index.
     */
    Uni<KnowledgeItem> store(KnowledgeItem item, boolean textChanged) {
        return store(item, textChanged, () -> Uni.createFrom().voidItem());
    }

    /** Stores the item, its chunks and {@code alsoInTransaction}'s writes together, then updates the index. */
    private Uni<KnowledgeItem> store(KnowledgeItem item, boolean textChanged, java.util.function.Supplier<Uni<Void>> alsoInTransaction) {
        Uni<List<KnowledgeIndex.Passage>> passages = textChanged ? embed(item) : chunks.passages(item);
        return passages.chain(embedded -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.merge(item).call(session::flush)) // the chunks' rows refer to it
                .call(() -> textChanged ? replaceChunks(item, embedded) : Uni.createFrom().voidItem())
                .call(() -> alsoInTransaction.get())
                .chain(() -> chunks.nextGeneration(item.orgId)))
                .chain(generation -> indexes.applied(item.orgId, generation, item.id, Retrieval.Source.of(item),
                        item.enabled && KnowledgeItem.READY.equals(item.status) ? embedded : List.of()))
                .replaceWith(item));
    }

    /** A knowledge item as the audit trail shows it; a long text by its length only (the trail is not a second copy). */
    static Map<String, Object> shown(KnowledgeItem item) {
        Map<String, Object> shown = new java.util.LinkedHashMap<>();
        shown.put("kind", item.kind);
        shown.put("title", item.title);
        if (item.question != null) {
            shown.put("question", item.question);
            shown.put("answer", item.answer);
        }
        if (item.body != null) {
            shown.put(item.body.length() <= 2000 ? "body" : "bodyChars", item.body.length() <= 2000 ? item.body : item.body.length());
        }
        shown.put("tags", item.tags);
        shown.put("phrasings", item.phrasings);
        shown.put("enabled", item.enabled);
        return shown;
    }

    /** Chunks and embeds the item's text; embedding is CPU (or network) work, done on a worker thread. */
    Uni<List<KnowledgeIndex.Passage>> embed(KnowledgeItem item) {
        List<String> texts = KnowledgeItem.FAQ.equals(item.kind) ? List.of(item.searchableText())
                : chunker.chunks(item.searchableText());
        return vertx.executeBlocking(() -> {
            List<float[]> vectors = embedder.embedAll(texts);
            List<KnowledgeIndex.Passage> passages = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                passages.add(new KnowledgeIndex.Passage(UUID.randomUUID(), item.id, texts.get(i), vectors.get(i), item.askedAs()));
            }
            return passages;
        }, false);
    }

    public List<String> chunks(String text) {
        return chunker.chunks(text);
    }

    /** The audit trail the organisation's knowledge changes are written to (uploads too). */
    public AuditTrail audit() {
        return audit;
    }

    public Embedder embedder() {
        return embedder;
    }

    /** Replaces the item's chunks with these, in the caller's transaction. */
    Uni<Void> replaceChunks(KnowledgeItem item, List<KnowledgeIndex.Passage> passages) {
        return chunks.replace(item, passages, embedder.model());
    }

    /** The organisation's next index generation, in the caller's transaction. */
    Uni<Long> nextGeneration(UUID orgId) {
        return chunks.nextGeneration(orgId);
    }

    private static void validate(KnowledgeItem item) {
        if (!List.of(KnowledgeItem.FAQ, KnowledgeItem.TEXT, KnowledgeItem.DOCUMENT).contains(item.kind)) {
            throw new InvalidField("kind", "kind is FAQ or TEXT (documents are uploaded as files)");
        }
        if (KnowledgeItem.FAQ.equals(item.kind)) {
            require("question", item.question, 1000);
            require("answer", item.answer, 10_000);
        } else if (KnowledgeItem.TEXT.equals(item.kind)) {
            require("body", item.body, 200_000);
        }
        require("title", item.title, 300);
        if (!KnowledgeItem.FAQ.equals(item.kind) && !item.phrasings.isEmpty()) {
            throw new InvalidField("phrasings", "only an FAQ has other phrasings of its question");
        }
        if (item.phrasings.size() > 30 || item.phrasings.stream().anyMatch(t -> t.isBlank() || t.length() > 300)) {
            throw new InvalidField("phrasings", "at most 30 phrasings of 1 to 300 characters");
        }
        if (item.tags.size() > 20 || item.tags.stream().anyMatch(t -> t.isBlank() || t.length() > 50)) {
            throw new InvalidField("tags", "at most 20 tags of 1 to 50 characters");
        }
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidField(field, field + " is required");
        }
        if (value.length() > max) {
            throw new InvalidField(field, field + " is longer than " + max + " characters");
        }
    }

    /** Trimmed, once each (tags and phrasings). */
    private static List<String> tags(List<String> tags) {
        return tags == null ? new ArrayList<>() : tags.stream().map(t -> t == null ? "" : t.trim()).distinct().toList();
    }

    /** Now, by the injected clock; uploads stamp their items and jobs by it too. */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
