package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** Something the organisation knows: an FAQ entry, a text, or an uploaded document's text. */
@Entity
@Table(name = "knowledge_item")
public class KnowledgeItem extends PanacheEntityBase {

    public static final String FAQ = "FAQ";
    public static final String TEXT = "TEXT";
    public static final String DOCUMENT = "DOCUMENT";
    public static final String PROCESSING = "PROCESSING";
    public static final String READY = "READY";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String title;

    public String question;

    public String answer;

    /** An FAQ's other phrasings of its question: they match like the question. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> phrasings = new java.util.ArrayList<>();

    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags;

    @Column(nullable = false)
    public boolean enabled;

    public String filename;

    public String contentType;

    public Long sizeBytes;

    @Column(nullable = false)
    public String status;

    public String statusReason;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /** The text retrieval works on: an FAQ's question and answer together, else the body. */
    public String searchableText() {
        return FAQ.equals(kind) ? question + "\n" + answer : body;
    }

    /** What matches an FAQ as a question (its question and phrasings, one per line); null for other kinds. */
    public String askedAs() {
        if (!FAQ.equals(kind)) {
            return null;
        }
        return phrasings == null || phrasings.isEmpty() ? question : question + "\n" + String.join("\n", phrasings);
    }

    public static Uni<KnowledgeItem> ofOrganization(UUID orgId, UUID id) {
        return find("id = ?1 and orgId = ?2", id, orgId).firstResult();
    }
}
