package br.ft9.gateway.infra;

import java.time.OffsetDateTime;
import java.util.Arrays;
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
            + " created_at) values (cast($3 as uuid), cast($1 as uuid), cast($4 as uuid), cast($5 as uuid), 'OUT',"
            + " cast($6 as uuid), cast($7 as text), cast($8 as text), cast($9 as text), 'sending', cast($10 as text),"
            + " cast($11 as uuid), cast($12 as uuid), now(), now()) on conflict (org_id, command_id) do nothing returning id),"
            + " taken_back as (update message set status = 'sending' where org_id = cast($1 as uuid)"
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
    public Uni<Route> route(UUID orgId, String phoneNumberId) {
        return SessionSql.row(ROUTE, orgId, phoneNumberId == null ? "" : phoneNumberId)
                .map(row -> row == null ? null : new Route((String) row[0], (String) row[1]));
    }

    /**
     * A group's messages in one statement, each given as one element of thirteen arrays (a message's position is its
     * ordinal). A Meta id already stored is a redelivery: it counts on the message, once per arrival, and stops there (its
     * contact is not written, so no row comes back for it). Each of the others is stored once (an id arriving twice in
     * the group is stored at its first arrival and counted for the next), after its contact and the contact's open
     * conversation, each written once for the group: the newest name given, the latest message time, the newest
     * message as the preview (a tie: the later in the group), the number last written to. Unique keys settle concurrent
     * first messages; only the columns a message changes are written, so a take-over committed meanwhile keeps its mode.
     * Rows are inserted in (organisation, contact) order, the order every group locks in. Casts name each parameter's
     * type for the server.
     * <p>
     * It runs through {@link SessionSql}, past Hibernate's plan cache (whose walk was 9 % of the gateway's samples at 250
     * webhooks a second); its callers hold nothing unwritten before it.
     */
    private static final String RECORD_INBOUND = "with arriving as (select * from unnest(cast($1 as uuid[]),"
            + " cast($2 as text[]), cast($3 as uuid[]), cast($4 as text[]), cast($5 as text[]), cast($6 as timestamptz[]),"
            + " cast($7 as uuid[]), cast($8 as text[]), cast($9 as text[]), cast($10 as uuid[]), cast($11 as text[]),"
            + " cast($12 as text[]), cast($13 as text[])) with ordinality as a(org_id, wa_message_id, contact_id, wa_id,"
            + " profile_name, sent_at, conversation_id, phone_number_id, preview, id, type, text, payload, ord)),"
            // each Meta id once: its first arrival in the group, and how many times it came
            + " deliveries as (select distinct on (org_id, wa_message_id) a.*, count(*) over (partition by org_id,"
            + " wa_message_id) as times from arriving a order by org_id, wa_message_id, ord),"
            + " redelivered as (update message m set duplicate_deliveries = m.duplicate_deliveries + d.times from deliveries d"
            + " where m.org_id = d.org_id and m.wa_message_id = d.wa_message_id returning m.org_id, m.wa_message_id),"
            + " fresh_deliveries as (select d.* from deliveries d where not exists (select 1 from redelivered r"
            + " where r.org_id = d.org_id and r.wa_message_id = d.wa_message_id)),"
            + " senders as (select org_id, wa_id, (array_agg(contact_id order by ord))[1] as contact_id,"
            + " (array_agg(profile_name order by ord desc) filter (where profile_name is not null))[1] as profile_name,"
            + " max(sent_at) as last_at, (array_agg(conversation_id order by ord))[1] as conversation_id,"
            + " (array_agg(phone_number_id order by ord desc))[1] as phone_number_id,"
            + " (array_agg(preview order by sent_at desc, ord desc))[1] as preview from fresh_deliveries group by org_id, wa_id),"
            + " kept_contact as (insert into contact (id, org_id, wa_id, profile_name, opted_out, last_inbound_at, created_at)"
            + " select contact_id, org_id, wa_id, profile_name, false, last_at, now() from senders order by org_id, wa_id"
            + " on conflict (org_id, wa_id) do update set profile_name = coalesce(excluded.profile_name, contact.profile_name),"
            + " last_inbound_at = greatest(contact.last_inbound_at, excluded.last_inbound_at)"
            + " returning id, org_id, wa_id, profile_name, opted_out),"
            + " open_conversation as (insert into conversation (id, org_id, contact_id, phone_number_id, status, mode,"
            + " last_message_at, last_message_text, opened_at) select s.conversation_id, s.org_id, c.id, s.phone_number_id,"
            + " 'OPEN', 'BOT', s.last_at, s.preview, now() from senders s join kept_contact c on c.org_id = s.org_id"
            + " and c.wa_id = s.wa_id order by s.org_id, s.wa_id"
            + " on conflict (contact_id) where status = 'OPEN' do update set phone_number_id = excluded.phone_number_id,"
            + " last_message_text = case when excluded.last_message_at >= conversation.last_message_at"
            + " then excluded.last_message_text else conversation.last_message_text end,"
            + " last_message_at = greatest(conversation.last_message_at, excluded.last_message_at)"
            + " returning id, contact_id, mode),"
            + " stored as (insert into message (id, org_id, contact_id, conversation_id, direction, wa_message_id, type, text,"
            + " payload, origin, conversation_mode, sent_at, created_at, duplicate_deliveries) select d.id, d.org_id, c.id,"
            + " v.id, 'IN', d.wa_message_id, d.type, d.text, d.payload, 'contact', v.mode, d.sent_at, now(), d.times - 1"
            + " from fresh_deliveries d join kept_contact c on c.org_id = d.org_id and c.wa_id = d.wa_id"
            + " join open_conversation v on v.contact_id = c.id order by d.org_id, d.wa_id, d.ord"
            // a concurrent delivery of the same message is counted too, and is not announced again
            + " on conflict (org_id, wa_message_id) do update set duplicate_deliveries = message.duplicate_deliveries"
            + " + excluded.duplicate_deliveries + 1 returning org_id, wa_message_id, (xmax = 0) as fresh)"
            + " select a.ord, s.fresh and a.ord = d.ord, c.id, c.profile_name, c.opted_out, v.id, v.mode from arriving a"
            + " join deliveries d on d.org_id = a.org_id and d.wa_message_id = a.wa_message_id"
            + " join stored s on s.org_id = a.org_id and s.wa_message_id = a.wa_message_id"
            + " join kept_contact c on c.org_id = a.org_id and c.wa_id = a.wa_id join open_conversation v on v.contact_id = c.id";

    @Override
    public Uni<List<Recorded>> recordInbound(List<Arriving> group) {
        int n = group.size();
        UUID[] orgs = new UUID[n], contacts = new UUID[n], conversations = new UUID[n], ids = new UUID[n];
        String[] waMessageIds = new String[n], waIds = new String[n], names = new String[n], numbers = new String[n],
                previews = new String[n], types = new String[n], texts = new String[n], payloads = new String[n];
        OffsetDateTime[] sentAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Arriving message = group.get(i);
            orgs[i] = message.orgId();
            waMessageIds[i] = message.waMessageId();
            contacts[i] = UUID.randomUUID();
            waIds[i] = message.waId();
            names[i] = message.profileName();
            sentAt[i] = message.sentAt();
            conversations[i] = UUID.randomUUID();
            numbers[i] = message.phoneNumberId();
            previews[i] = message.preview();
            ids[i] = message.id();
            types[i] = message.type();
            texts[i] = message.text();
            payloads[i] = message.payload();
        }
        return SessionSql.rows(RECORD_INBOUND, orgs, waMessageIds, contacts, waIds, names, sentAt, conversations, numbers,
                previews, ids, types, texts, payloads).map(rows -> {
                    Recorded[] recorded = new Recorded[n];
                    for (Object[] row : rows) {
                        recorded[((Number) row[0]).intValue() - 1] = new Recorded((Boolean) row[1], (UUID) row[2],
                                (String) row[3], (Boolean) row[4], (UUID) row[5], (String) row[6]);
                    }
                    return Arrays.asList(recorded);
                });
    }

    @Override
    public Uni<List<String>> labels(UUID orgId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select distinct unnest(labels) as label from conversation"
                + " where org_id = :org order by label", String.class).setParameter("org", orgId).setMaxResults(200).getResultList());
    }
}
