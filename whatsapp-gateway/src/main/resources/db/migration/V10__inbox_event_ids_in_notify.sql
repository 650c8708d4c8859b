-- Each NOTIFY names its inbox event ("<org id>:<event id>"). Event ids come from a sequence in the order transactions
-- start, not the order they commit: a reader that asked for "ids above the last one I saw" skipped an event whose
-- transaction committed after a later one's (a hand-off missing from an open inbox). Notifications arrive in commit
-- order, each once, so the feed reads exactly the events it is told about.
create or replace function inbox_event_of_conversation() returns trigger language plpgsql as $$
declare
    event_id bigint;
begin
    if tg_op = 'UPDATE'
            and new.status is not distinct from old.status
            and new.mode is not distinct from old.mode
            and new.assigned_user_id is not distinct from old.assigned_user_id
            and new.handoff_reason is not distinct from old.handoff_reason
            and new.last_message_at is not distinct from old.last_message_at then
        return new;
    end if;
    insert into inbox_event (org_id, conversation_id, kind) values (new.org_id, new.id, 'conversation') returning id into event_id;
    perform pg_notify('ft9_inbox', new.org_id::text || ':' || event_id);
    return new;
end
$$;

create or replace function inbox_event_of_message() returns trigger language plpgsql as $$
declare
    event_id bigint;
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
                case when tg_op = 'INSERT' or old.conversation_id is null then 'message' else 'message_status' end)
        returning id into event_id;
    perform pg_notify('ft9_inbox', new.org_id::text || ':' || event_id);
    return new;
end
$$;
