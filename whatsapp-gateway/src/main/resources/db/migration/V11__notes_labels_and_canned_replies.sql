-- The team's own words around a conversation: private notes (messages with direction NOTE, never sent, shown to the
-- team only), labels to sort conversations by, and canned replies with a shortcut ("/horario") that admins keep and
-- everyone uses.
alter table conversation add column labels text[] not null default '{}';
create index conversation_labels on conversation using gin (labels);

create table canned_reply (
    id         uuid primary key,
    org_id     uuid        not null,
    shortcut   text        not null,
    text       text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint canned_reply_shortcut_unique unique (org_id, shortcut)
);

-- A change of labels is news to the other consoles too.
create or replace function inbox_event_of_conversation() returns trigger language plpgsql as $$
declare
    event_id bigint;
begin
    if tg_op = 'UPDATE'
            and new.status is not distinct from old.status
            and new.mode is not distinct from old.mode
            and new.assigned_user_id is not distinct from old.assigned_user_id
            and new.handoff_reason is not distinct from old.handoff_reason
            and new.last_message_at is not distinct from old.last_message_at
            and new.labels is not distinct from old.labels then
        return new;
    end if;
    insert into inbox_event (org_id, conversation_id, kind) values (new.org_id, new.id, 'conversation') returning id into event_id;
    perform pg_notify('ft9_inbox', new.org_id::text || ':' || event_id);
    return new;
end
$$;
