-- What every open console of an organisation must hear about (a message in or out, a delivery status, a hand-off, a
-- take-over, an assignment, a closing), written by the database itself in the transaction of the change, so that no
-- code path can forget it, and announced on commit with NOTIFY to every gateway replica (InboxFeed). The console
-- reads the conversation again from the API: the event only says what changed.
create table inbox_event (
    id              bigserial primary key,
    org_id          uuid        not null,
    conversation_id uuid        not null,
    message_id      uuid,
    kind            text        not null, -- conversation | message | message_status
    created_at      timestamptz not null default now()
);
create index inbox_event_org on inbox_event (org_id, id);
create index inbox_event_age on inbox_event (created_at);

create function inbox_event_of_conversation() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
            and new.status is not distinct from old.status
            and new.mode is not distinct from old.mode
            and new.assigned_user_id is not distinct from old.assigned_user_id
            and new.handoff_reason is not distinct from old.handoff_reason
            and new.last_message_at is not distinct from old.last_message_at then
        return new;
    end if;
    insert into inbox_event (org_id, conversation_id, kind) values (new.org_id, new.id, 'conversation');
    perform pg_notify('ft9_inbox', new.org_id::text);
    return new;
end
$$;
create trigger conversation_inbox_event after insert or update on conversation
    for each row execute function inbox_event_of_conversation();

create function inbox_event_of_message() returns trigger language plpgsql as $$
begin
    if new.conversation_id is null then
        return new;
    end if;
    if tg_op = 'UPDATE'
            and new.status is not distinct from old.status
            and new.conversation_id is not distinct from old.conversation_id then
        return new;
    end if;
    insert into inbox_event (org_id, conversation_id, message_id, kind)
        values (new.org_id, new.conversation_id, new.id,
                case when tg_op = 'INSERT' or old.conversation_id is null then 'message' else 'message_status' end);
    perform pg_notify('ft9_inbox', new.org_id::text);
    return new;
end
$$;
create trigger message_inbox_event after insert or update on message
    for each row execute function inbox_event_of_message();
