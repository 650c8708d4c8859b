-- A conversation is a contact's thread with the organisation: open until someone closes it, answered by
-- the bot or, once a person took it over, by people only. At most one is open per contact.
create table conversation (
    id                uuid primary key,
    org_id            uuid        not null,
    contact_id        uuid        not null references contact (id) on delete cascade,
    phone_number_id   text        not null, -- the organisation's number the contact wrote to; replies leave from it
    status            text        not null, -- OPEN | CLOSED
    mode              text        not null, -- BOT | HUMAN
    assigned_user_id  uuid,
    handoff_reason    text,
    last_message_at   timestamptz not null,
    last_message_text text,
    opened_at         timestamptz not null,
    closed_at         timestamptz
);
create unique index conversation_one_open_per_contact on conversation (contact_id) where status = 'OPEN';
create index conversation_org_recent on conversation (org_id, last_message_at desc);

-- Outbound messages exist before Meta names them (queued, then accepted with Meta's id); a send
-- command is applied once per organisation, by its id.
alter table message alter column wa_message_id drop not null;
alter table message add column conversation_id uuid references conversation (id) on delete cascade;
alter table message add column command_id uuid;
alter table message add column origin text;          -- contact | bot | flow | agent
alter table message add column sent_by_user_id uuid; -- the agent who wrote it
alter table message add column delivery text;        -- graph | local (no Meta credentials: the local outbox)
alter table message add column status_reason text;
alter table message add column status_at timestamptz;
alter table message add constraint message_org_command_unique unique (org_id, command_id);
create index message_conversation on message (conversation_id, sent_at desc);
create index message_local_outbox on message (org_id, created_at desc) where delivery = 'local';

-- The organisation's people, kept from auth-service's user events, so that a conversation is only
-- ever assigned to an active member of its own organisation.
create table org_member (
    user_id    uuid primary key,
    org_id     uuid        not null,
    role       text        not null,
    status     text        not null,
    updated_at timestamptz not null
);
create index org_member_org on org_member (org_id);
