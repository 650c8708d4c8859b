package br.ft9.flow.infra;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.ContactsSeen;
import io.smallrye.mutiny.Uni;

/** flow_contact by upsert, so that two messages of a new contact at once create it once; reads past the plan cache ({@link SessionSql}). */
@ApplicationScoped
public class SqlContactsSeen implements ContactsSeen {

    @Override
    public Uni<Seen> wrote(UUID orgId, String waId, UUID contactId, String name, OffsetDateTime at) {
        return SessionSql.row("insert into flow_contact (org_id, wa_id, contact_id, name, last_inbound_at, first_seen_at)"
                + " values (cast($1 as uuid), cast($2 as text), cast($3 as uuid), cast($4 as text), cast($5 as timestamptz), now())"
                + " on conflict (org_id, wa_id) do update set contact_id = excluded.contact_id,"
                + " name = coalesce(excluded.name, flow_contact.name),"
                + " last_inbound_at = greatest(flow_contact.last_inbound_at, excluded.last_inbound_at)"
                + " returning (xmax = 0), opted_out, name, fields, array_to_string(tags, ',')", orgId, waId, contactId, name, at)
                .map(row -> new Seen(Boolean.TRUE.equals(row[0]), Boolean.TRUE.equals(row[1]), (String) row[2], (String) row[3],
                        (String) row[4]));
    }

    @Override
    public Uni<Seen> find(UUID orgId, String waId) {
        return SessionSql.row("select opted_out, name, fields, array_to_string(tags, ',') from flow_contact"
                + " where org_id = $1 and wa_id = $2", orgId, waId)
                .map(row -> row == null ? null : new Seen(false, Boolean.TRUE.equals(row[0]), (String) row[1], (String) row[2],
                        (String) row[3]));
    }

    @Override
    public Uni<Void> optOut(UUID orgId, String waId, UUID contactId, boolean optedOut) {
        return SessionSql.update("insert into flow_contact (org_id, wa_id, contact_id, opted_out, first_seen_at)"
                + " values ($1, $2, $3, $4, now()) on conflict (org_id, wa_id) do update set opted_out = $4",
                orgId, waId, contactId, optedOut).replaceWithVoid();
    }
}
