-- Each inbound message's journey, read by agents in one call: how often Meta delivered it, the replies sent for it,
-- and what the other services announced about it (answered with sources, handed off, automations and their runs).
alter table message add column duplicate_deliveries int not null default 0;
alter table message add column in_reply_to_message_id uuid;
create index message_in_reply_to on message (org_id, in_reply_to_message_id) where in_reply_to_message_id is not null;

create table message_journey (
    org_id      uuid        not null,
    message_id  uuid        not null, -- the inbound message
    ref         text        not null, -- what the step is about: "answer", "handoff", a run id
    kind        text        not null, -- answered, handed_off, automation_started, automation_succeeded, automation_failed
    detail      text,                 -- JSON
    at          timestamptz not null,
    primary key (org_id, message_id, ref)
);
create index message_journey_ref on message_journey (org_id, ref);
