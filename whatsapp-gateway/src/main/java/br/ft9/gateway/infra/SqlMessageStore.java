package br.ft9.gateway.infra;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.gateway.domain.MessageStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Messages in the message table (a contact's once per Meta id, ours once per command), through the Panache session. */
@ApplicationScoped
public class SqlMessageStore implements MessageStore {

    /** The organisation's number to send from: the one named ($2), else its newest; never another organisation's ($1). */
    private static final String ROUTE = "select phone_number_id, access_token_sealed from channel where org_id = cast($1 as uuid)"
            + " and (cast($2 as text) = '' or phone_number_id = cast($2 as text)) order by updated_at desc limit 1";

    /**
     * One statement: the insert (sending from the start) or the take-back from queued, and the reads deciding needs. The
     * update cannot see a row the insert just wrote (one snapshot), so a new message is claimed once; a concurrent
     * redelivery waits for the first claim's row lock and then finds it no longer queued. Through {@link SessionSql}, as
     * every statement here that runs once a message.
     */
    private static final String CLAIM = "with inserted as (insert into message (id, org_id, contact_id, conversation_id,"
            + " direction, command_id, type, text, payload, status, origin, sent_by_user_id, in_reply_to_message_id, sent_at,"
            + " created_at, status_at) values (cast($3 as uuid), cast($1 as uuid), cast($4 as uuid), cast($5 as uuid), 'OUT',"
            + " cast($6 as uuid), cast($7 as text), cast($8 as text), cast($9 as text), 'sending', cast($10 as text),"
            + " cast($11 as uuid), cast($12 as uuid), now(), now(), now()) on conflict (org_id, command_id) do nothing returning id),"
            + " taken_back as (update message set status = 'sending', status_at = now() where org_id = cast($1 as uuid)"
            + " and command_id = cast($6 as uuid) and status = 'queued' returning id),"
            + " claimed as (select id from inserted union all select id from taken_back)"
            + " select c.id, coalesce((select a.conversation_mode = 'HUMAN' from message a where a.id = cast($12 as uuid)"
            + " and a.org_id = cast($1 as uuid)), false), (select o.status from organization o where o.org_id = cast($1 as uuid)),"
            + " r.phone_number_id, r.access_token_sealed from claimed c left join lateral (" + ROUTE + ") r on true";

    @Override
    public Uni<Claimed> claim(Queued message, String phoneNumberId) {
        return SessionSql.row(CLAIM, message.orgId(), phoneNumberId == null ? "" : phoneNumberId, UUID.randomUUID(),
                message.contactId(), message.conversationId(), message.commandId(), message.type(), message.text(),
                message.payload(), message.origin(), message.sentBy(), message.inReplyTo())
                .map(row -> row == null ? null : new Claimed((UUID) row[0], (Boolean) row[1], (String) row[2],
                        row[3] == null ? null : new Route((String) row[3], (String) row[4])));
    }

    @Override
    public Uni<List<UUID>> interruptedSends(Duration after, int limit) {
        // claimed before status_at was set at the claim: created_at stands in
        return Panache.withSession(() -> SessionSql.rows("select id from message where direction = 'OUT' and status = 'sending'"
                + " and coalesce(status_at, created_at) < now() - make_interval(secs => $1) order by coalesce(status_at, created_at)"
                + " limit $2", after.toMillis() / 1000.0, limit)).map(rows -> rows.stream().map(r -> (UUID) r[0]).toList());
    }

    @Override
    public Uni<Route> route(UUID orgId, String phoneNumberId) {
        return SessionSql.row(ROUTE, orgId, phoneNumberId == null ? "" : phoneNumberId)
                .map(row -> row == null ? null : new Route((String) row[0], (String) row[1]));
    }

    /**
     * A redelivery (the message is known) counts on the message and stops there: the contact is written only when it is
     * not, so no row comes back. Otherwise the contact and its open conversation are inserted or updated in place (the
     * unique keys settle concurrent first messages; only the columns a message changes are written, so a take-over
     * committed meanwhile keeps its mode), then the message. Casts name each parameter's type for the server.
     * It runs through {@link SessionSql}, past Hibernate's plan cache (whose walk was 9 % of the gateway's samples at 250
     * webhooks a second); its callers hold nothing unwritten before it.
     */
    private static final String RECORD_INBOUND = "with redelivered as (update message set duplicate_deliveries ="
            + " duplicate_deliveries + 1 where org_id = cast($1 as uuid) and wa_message_id = cast($2 as text) returning id),"
            + " kept_contact as (insert into contact (id, org_id, wa_id, profile_name, opted_out, last_inbound_at, created_at)"
            + " select cast($3 as uuid), cast($1 as uuid), cast($4 as text), cast($5 as text), false,"
            + " cast($6 as timestamptz), now() where not exists (select 1 from redelivered)"
            + " on conflict (org_id, wa_id) do update set profile_name = coalesce(excluded.profile_name, contact.profile_name),"
            + " last_inbound_at = greatest(contact.last_inbound_at, excluded.last_inbound_at)"
            + " returning id, profile_name, opted_out),"
            + " open_conversation as (insert into conversation (id, org_id, contact_id, phone_number_id, status, mode,"
            + " last_message_at, last_message_text, opened_at) select cast($7 as uuid), cast($1 as uuid), c.id,"
            + " cast($8 as text), 'OPEN', 'BOT', cast($6 as timestamptz), cast($9 as text), now() from kept_contact c"
            + " on conflict (contact_id) where status = 'OPEN' do update set phone_number_id = excluded.phone_number_id,"
            + " last_message_text = case when excluded.last_message_at >= conversation.last_message_at"
            + " then excluded.last_message_text else conversation.last_message_text end,"
            + " last_message_at = greatest(conversation.last_message_at, excluded.last_message_at) returning id, mode),"
            + " stored as (insert into message (id, org_id, contact_id, conversation_id, direction, wa_message_id, type, text,"
            + " payload, origin, conversation_mode, sent_at, created_at) select cast($10 as uuid), cast($1 as uuid), c.id, v.id,"
            + " 'IN', cast($2 as text), cast($11 as text), cast($12 as text), cast($13 as text), 'contact', v.mode,"
            + " cast($6 as timestamptz), now() from kept_contact c, open_conversation v"
            // a concurrent redelivery is counted too, and is not announced again
            + " on conflict (org_id, wa_message_id) do update set duplicate_deliveries = message.duplicate_deliveries + 1"
            + " returning (xmax = 0) as fresh)"
            + " select s.fresh, c.id, c.profile_name, c.opted_out, v.id, v.mode from stored s, kept_contact c, open_conversation v";

    @Override
    public Uni<Recorded> recordInbound(Arriving message) {
        Object[] parameters = { message.orgId(), message.waMessageId(), UUID.randomUUID(), message.waId(), message.profileName(),
                message.sentAt(), UUID.randomUUID(), message.phoneNumberId(), message.preview(), message.id(), message.type(),
                message.text(), message.payload() };
        return SessionSql.row(RECORD_INBOUND, parameters).map(row -> row == null ? null
                : new Recorded((Boolean) row[0], (UUID) row[1], (String) row[2], (Boolean) row[3], (UUID) row[4], (String) row[5]));
    }

    @Override
    public Uni<java.util.List<String>> labels(UUID orgId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select distinct unnest(labels) as label from conversation"
                + " where org_id = :org order by label", String.class).setParameter("org", orgId).setMaxResults(200).getResultList());
    }
}
