package br.ft9.memory.domain;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.lucene.analysis.Analyzer;


import br.ft9.common.errors.InvalidField;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * The knowledge base's gaps: each question handed off for lack of knowledge is kept with what a person then replied in
 * that conversation; admins see them grouped, and an FAQ made from a group (or setting it aside) closes its questions.
 */
@ApplicationScoped
public class KnowledgeGaps {

    /** A question is kept up to this many characters (WhatsApp allows 4096; a gap worth an FAQ is far shorter). */
    static final int QUESTION_CHARS = 1000;
    /** What a person replied is kept up to this many characters, replies after the question joined. */
    static final int ANSWER_CHARS = 2000;
    /** A person's reply counts as the answer to a gap asked at most this long before it in the same conversation. */
    static final Duration ANSWER_WINDOW = Duration.ofHours(24);
    /** Gaps older than this are no longer shown: the clinic's knowledge has moved on. */
    static final Duration SHOWN_FOR = Duration.ofDays(90);
    static final int SHOWN_AT_MOST = 1000;

    private final PortugueseText portuguese = PortugueseText.withoutDictionary();
    private final Clock clock;

    public KnowledgeGaps(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a handed-off question; runs in the caller's transaction (the hand-off's). */
    public Uni<Void> record(UUID orgId, UUID conversationId, UUID contactId, UUID messageId, String question) {
        KnowledgeGap gap = new KnowledgeGap();
        gap.id = UUID.randomUUID();
        gap.orgId = orgId;
        gap.question = question.length() > QUESTION_CHARS ? question.substring(0, QUESTION_CHARS) : question;
        gap.terms = String.join(" ", terms(gap.question));
        gap.conversationId = conversationId;
        gap.contactId = contactId;
        gap.messageId = messageId;
        gap.askedAt = now();
        return gap.persist().replaceWithVoid();
    }

    /**
     * A person replied in a conversation: the reply joins the answer of the latest open gap asked there in the day
     * before. Runs in the caller's transaction.
     */
    public Uni<Void> personReplied(UUID orgId, UUID conversationId, String text, OffsetDateTime at) {
        if (conversationId == null || text == null || text.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime when = at == null ? now() : at;
        return KnowledgeGap.<KnowledgeGap>find("orgId = :org and conversationId = :conversation and closedAt is null"
                + " and askedAt > :since and askedAt <= :at order by askedAt desc", Parameters.with("org", orgId)
                        .and("conversation", conversationId).and("since", when.minus(ANSWER_WINDOW)).and("at", when))
                .firstResult().chain(gap -> {
                    if (gap == null) {
                        return Uni.createFrom().voidItem();
                    }
                    String joined = gap.answer == null ? text.strip() : gap.answer + "\n" + text.strip();
                    gap.answer = joined.length() > ANSWER_CHARS ? joined.substring(0, ANSWER_CHARS) : joined;
                    gap.answeredAt = when;
                    return gap.persist().replaceWithVoid();
                });
    }

    /** The organisation's open gaps of the last 90 days, grouped, most asked first. */
    @WithSession
    public Uni<List<GapGroups.Group>> groups(UUID orgId) {
        return KnowledgeGap.<KnowledgeGap>find("orgId = :org and closedAt is null and askedAt > :since order by askedAt desc",
                Parameters.with("org", orgId).and("since", now().minus(SHOWN_FOR))).range(0, SHOWN_AT_MOST - 1).list()
                .map(gaps -> GapGroups.of(gaps.stream().map(g -> new GapGroups.Question(g.id, g.question,
                        g.terms.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(g.terms.split(" "))), g.askedAt, g.answer))
                        .toList()));
    }

    /** Sets open gaps aside (not worth an FAQ); answers how many were closed. */
    @WithTransaction
    public Uni<Integer> dismiss(UUID orgId, List<UUID> ids) {
        return close(orgId, ids, null);
    }

    /** Closes open gaps of the organisation, by the FAQ made from them when {@code itemId} is given; in the caller's transaction. */
    public Uni<Integer> close(UUID orgId, List<UUID> ids, UUID itemId) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        if (ids.size() > SHOWN_AT_MOST) {
            throw new InvalidField("gapIds", "at most " + SHOWN_AT_MOST + " gaps at a time");
        }
        return KnowledgeGap.update("closedAt = :now, resolvedItemId = :item where orgId = :org and id in :ids and closedAt is null",
                Parameters.with("now", now()).and("item", itemId).and("org", orgId).and("ids", ids));
    }

    /** The question's index terms with accents folded first, as people type on WhatsApp ("sabado", "sábado"). */
    Set<String> terms(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        Set<String> terms = portuguese.terms(folded);
        return terms.stream().limit(64).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
