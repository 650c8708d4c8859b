package br.ft9.memory.infra;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.outbox.Outbox;
import br.ft9.memory.domain.Answers;
import br.ft9.memory.domain.AssistantMessages;
import br.ft9.memory.domain.Question;
import br.ft9.memory.events.AnswerSentV1;
import br.ft9.memory.events.HandoffRequestedV1;
import br.ft9.memory.events.SendMessageCommandV1;
import io.smallrye.mutiny.Uni;

/** The assistant's hand-offs, send commands and answers given, as versioned events in the outbox, keyed by conversation. */
@ApplicationScoped
public class OutboxAssistantMessages implements AssistantMessages {

    private final Outbox outbox;

    public OutboxAssistantMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> handOff(Question q, String reason, String draft, List<UUID> passages) {
        return outbox.append(HandoffRequestedV1.TOPIC, HandoffRequestedV1.TYPE, q.orgId(), key(q),
                new HandoffRequestedV1(q.orgId(), q.conversationId(), q.contactId(), q.waId(), reason, q.text(), draft, passages,
                        q.messageId()))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> reply(UUID commandId, Question q, Answers.Answer answer) {
        return outbox.append(SendMessageCommandV1.TOPIC, SendMessageCommandV1.TYPE, q.orgId(), key(q),
                new SendMessageCommandV1(commandId, q.orgId(), q.contactId(), q.waId(), q.conversationId(), q.phoneNumberId(), "bot",
                        "text", answer.text(), q.waMessageId(), q.messageId()))
                .chain(() -> outbox.append(AnswerSentV1.TOPIC, AnswerSentV1.TYPE, q.orgId(), key(q),
                        new AnswerSentV1(q.orgId(), q.conversationId(), q.contactId(), commandId, answer.mode(),
                                answer.citations().stream().map(Answers.Citation::itemId).toList(), q.messageId(),
                                answer.citations().stream().map(Answers.Citation::title).toList())))
                .replaceWithVoid();
    }

    /** One key per contact's conversation, so that its commands keep their order on the topic. */
    private static String key(Question q) {
        return q.orgId() + ":" + q.waId();
    }
}
