package br.ft9.memory.domain;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.text.MessageClaim;
import br.ft9.common.text.MessageText;

import io.smallrye.mutiny.Uni;

/**
 * The assistant on WhatsApp: answers a contact's message from the organisation's knowledge, or hands the conversation
 * to a person and keeps the question as a knowledge gap; stays silent where auto-reply is off or the organisation is
 * not active, and on a message one of the organisation's automations answers by itself (flow-service's claims, so the
 * contact is not answered twice); hands off without a word over the plan's quota. The reply is worked out first ({@link #prepare}, no
 * transaction), then {@link #record}ed in the caller's once-only transaction, so a redelivered message is answered once.
 */
@ApplicationScoped
public class Assistant {

    /** What the assistant will do with a question. */
    public sealed interface Reply permits AppliedBefore, Silent, LeftToAutomation, OverQuota, Answered {
    }

    /** A redelivery of a message answered (or handed off) already: nothing again, and the model is not asked. */
    public record AppliedBefore() implements Reply {
    }

    /** Auto-reply off or the organisation not active: nothing. */
    public record Silent() implements Reply {
    }

    /** An active automation answers this message by itself ({@code automationId}): nothing from the assistant. */
    public record LeftToAutomation(UUID automationId) implements Reply {
    }

    /** The month's quota is reached: a person takes it, the contact gets no message. */
    public record OverQuota() implements Reply {
    }

    /** The answer, or the hand-off when the knowledge has nothing good enough. */
    public record Answered(Answers.Answer answer) implements Reply {
    }

    static final String QUOTA_REASON = "the plan's monthly message quota is reached";
    static final String NOTHING_RELEVANT = "nothing relevant in the knowledge base";

    private final Answers answers;
    private final ConversationTurns turns;
    private final AnswerQuota quota;
    private final AnsweringState state;
    private final AssistantMessages messages;
    private final KnowledgeGaps gaps;
    private final Clock clock;

    public Assistant(Answers answers, ConversationTurns turns, AnswerQuota quota, AnsweringState state, AssistantMessages messages,
            KnowledgeGaps gaps, Clock clock) {
        this.state = state;
        this.answers = answers;
        this.turns = turns;
        this.quota = quota;
        this.messages = messages;
        this.gaps = gaps;
        this.clock = clock;
    }

    /**
     * Works out the reply, outside any transaction, for the message delivered as {@code eventId} to {@code consumer}:
     * whether it was applied before, the organisation's profile and its quota come from one read, then the search.
     */
    public Uni<Reply> prepare(Question question, String consumer, String eventId) {
        return state.of(question.orgId(), month(), consumer, eventId).map(standing -> new Decision(decide(question, standing),
                standing))
                .chain(decision -> decision.reply() != null ? Uni.createFrom().item(decision.reply())
                        : turns.recent(question.orgId(), question.contactId())
                                .chain(recent -> answers.answer(decision.standing().profile(), question.orgId(),
                                        decision.standing().knowledgeGeneration(), question.text(), recent))
                                .map(Answered::new));
    }

    /** The reply the standing decides before any search, or null: answer it. An automation's claim comes before the quota. */
    private Reply decide(Question question, AnsweringState.Standing standing) {
        if (standing.appliedBefore()) {
            return new AppliedBefore();
        }
        OrganizationProfile profile = standing.profile();
        if (!standing.claims().isEmpty()) {
            boolean open = profile == null || profile.openAt(clock);
            MessageText said = MessageText.of(question.text());
            Optional<MessageClaim> claim = standing.claims().stream().filter(c -> c.claims(said, open)).findFirst();
            if (claim.isPresent()) {
                return new LeftToAutomation(claim.get().automationId());
            }
        }
        if (standing.quotaReached()) {
            return new OverQuota();
        }
        return profile != null && (!profile.autoReply || !"ACTIVE".equals(profile.status)) ? new Silent() : null;
    }

    /** What the read before any search decides: a reply already, or none (answer it), and what was read. */
    private record Decision(Reply reply, AnsweringState.Standing standing) {
    }

    /** The reply's effects, in the caller's transaction. */
    public Uni<Void> record(Question question, Reply reply) {
        if (!writes(reply)) {
            return Uni.createFrom().voidItem();
        }
        if (reply instanceof OverQuota) {
            return messages.handOff(question, QUOTA_REASON, null, List.of());
        }
        Answers.Answer answer = ((Answered) reply).answer();
        if (answer.handoff()) {
            return messages.handOff(question, NOTHING_RELEVANT, answer.text(),
                    answer.passages().stream().map(p -> p.item().id()).distinct().toList())
                    .chain(() -> gaps.record(question.orgId(), question.conversationId(), question.contactId(), question.messageId(),
                            question.text()));
        }
        return messages.reply(UUID.randomUUID(), question, answer).chain(() -> quota.answered(question.orgId(), month()));
    }

    /** Whether {@link #record} writes anything for the reply: answers and hand-offs do; leaving a message alone does not. */
    public static boolean writes(Reply reply) {
        return reply instanceof OverQuota || reply instanceof Answered;
    }

    /** The turn joins the conversation's context (after the commit; losing it only costs context). */
    public Uni<Void> remember(Question question, Reply reply) {
        return reply instanceof Answered answered
                ? turns.remember(question.orgId(), question.contactId(), question.text(), answered.answer().text())
                : Uni.createFrom().voidItem();
    }

    private String month() {
        return YearMonth.now(clock).toString();
    }
}
