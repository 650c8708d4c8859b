package br.ft9.gateway.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.gateway.domain.OutboundStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Outbound messages in the message table, once per (organisation, command), through the Panache session. */
@ApplicationScoped
public class SqlOutboundStore implements OutboundStore {

    @Override
    public Uni<Void> insertQueued(Queued message) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into message (id, org_id, contact_id, conversation_id, direction, command_id, type,"
                        + " text, payload, status, origin, sent_by_user_id, in_reply_to_message_id, sent_at, created_at) values (:id,"
                        + " :org, :contact, :conversation, 'OUT', :command, :type, :text, :payload, 'queued', :origin, :by,"
                        + " :inReplyTo, now(), now())"
                        + " on conflict (org_id, command_id) do nothing")
                .setParameter("id", UUID.randomUUID())
                .setParameter("org", message.orgId())
                .setParameter("contact", message.contactId())
                .setParameter("conversation", message.conversationId())
                .setParameter("command", message.commandId())
                .setParameter("type", message.type())
                .setParameter("text", message.text())
                .setParameter("payload", message.payload())
                .setParameter("origin", message.origin())
                .setParameter("by", message.sentBy())
                .setParameter("inReplyTo", message.inReplyTo())
                .executeUpdate()).replaceWithVoid();
    }
}
