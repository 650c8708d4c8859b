package br.ft9.memory.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import br.ft9.memory.domain.KnowledgeItem;

/** A knowledge item as the API shows it; a document's extracted text is not repeated here. */
public record KnowledgeItemResponse(UUID id, String kind, String title, String question, String answer, String body,
        List<String> phrasings, List<String> tags, boolean enabled, String filename, String contentType, Long sizeBytes, String status,
        String statusReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static KnowledgeItemResponse of(KnowledgeItem i) {
        return new KnowledgeItemResponse(i.id, i.kind, i.title, i.question, i.answer,
                KnowledgeItem.DOCUMENT.equals(i.kind) ? null : i.body, i.phrasings, i.tags, i.enabled, i.filename, i.contentType,
                i.sizeBytes, i.status, i.statusReason, i.createdAt, i.updatedAt);
    }
}
