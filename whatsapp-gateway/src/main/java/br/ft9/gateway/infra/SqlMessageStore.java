package br.ft9.gateway.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.gateway.domain.MessageStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Messages in the message table (a contact's once per Meta id, ours once per command), through the Panache session. */
@ApplicationScoped
public class SqlMessageStore implements MessageStore {

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

    @Override
    public Uni<Boolean> insertInbound(Inbound message) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into message (id, org_id, contact_id, conversation_id, direction, wa_message_id,"
                        + " type, text, payload, origin, conversation_mode, sent_at, created_at) values (:id, :org, :contact,"
                        + " :conversation, 'IN', :wa, :type, :text, :payload, 'contact', :mode, :sent, now())"
                        + " on conflict (org_id, wa_message_id) do update"
                        // a concurrent redelivery is counted too, and is not announced again
                        + " set duplicate_deliveries = message.duplicate_deliveries + 1 returning (xmax = 0)", Boolean.class)
                .setParameter("id", message.id())
                .setParameter("org", message.orgId())
                .setParameter("contact", message.contactId())
                .setParameter("conversation", message.conversationId())
                .setParameter("mode", message.conversationMode())
                .setParameter("wa", message.waMessageId())
                .setParameter("type", message.type())
                .setParameter("text", message.text())
                .setParameter("payload", message.payload())
                .setParameter("sent", message.sentAt())
                .getSingleResult());
    }

    @Override
    public Uni<java.util.List<String>> labels(UUID orgId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select distinct unnest(labels) as label from conversation"
                + " where org_id = :org order by label", String.class).setParameter("org", orgId).setMaxResults(200).getResultList());
    }
}
