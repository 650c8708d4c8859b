package br.ft9.gateway.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.gateway.domain.MessageStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Messages in the message table (a contact's once per Meta id, ours once per command), through the Panache session. */
@ApplicationScoped
public class SqlMessageStore implements MessageStore {

    /** The organisation's number to send from: the one named (:number), else its newest; never another organisation's. */
    private static final String ROUTE = "select phone_number_id, access_token_sealed from channel where org_id = :org"
            + " and (:number = '' or phone_number_id = :number) order by updated_at desc limit 1";

    /**
     * One statement: the insert (sending from the start) or the take-back from queued, and the reads deciding needs. The
     * update cannot see a row the insert just wrote (one snapshot), so a new message is claimed once; a concurrent
     * redelivery waits for the first claim's row lock and then finds it no longer queued.
     */
    @Override
    public Uni<Claimed> claim(Queued message, String phoneNumberId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("with inserted as (insert into message (id, org_id, contact_id, conversation_id, direction,"
                        + " command_id, type, text, payload, status, origin, sent_by_user_id, in_reply_to_message_id, sent_at,"
                        + " created_at) values (:id, :org, :contact, :conversation, 'OUT', :command, :type, :text, :payload,"
                        + " 'sending', :origin, :by, :inReplyTo, now(), now()) on conflict (org_id, command_id) do nothing"
                        + " returning id),"
                        + " taken_back as (update message set status = 'sending' where org_id = :org and command_id = :command"
                        + " and status = 'queued' returning id),"
                        + " claimed as (select id from inserted union all select id from taken_back)"
                        + " select c.id, coalesce((select a.conversation_mode = 'HUMAN' from message a where a.id = :inReplyTo"
                        + " and a.org_id = :org), false), (select o.status from organization o where o.org_id = :org),"
                        + " r.phone_number_id, r.access_token_sealed from claimed c left join lateral (" + ROUTE + ") r on true",
                        Object[].class)
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
                .setParameter("number", phoneNumberId == null ? "" : phoneNumberId)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new Claimed((UUID) row[0], (Boolean) row[1], (String) row[2],
                        row[3] == null ? null : new Route((String) row[3], (String) row[4])));
    }

    @Override
    public Uni<Route> route(UUID orgId, String phoneNumberId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ROUTE, Object[].class)
                .setParameter("org", orgId)
                .setParameter("number", phoneNumberId == null ? "" : phoneNumberId)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new Route((String) row[0], (String) row[1]));
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
