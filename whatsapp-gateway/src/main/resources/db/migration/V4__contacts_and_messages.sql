-- The people who write to an organisation on WhatsApp, and their messages.
create table contact (
    id              uuid primary key,
    org_id          uuid        not null,
    wa_id           text        not null,
    profile_name    text,
    opted_out       boolean     not null default false,
    last_inbound_at timestamptz,
    created_at      timestamptz not null,
    constraint contact_org_wa_unique unique (org_id, wa_id)
);

-- Messages in and out. Meta re-delivers webhooks: its message id is unique per organisation, so a
-- second delivery inserts nothing.
create table message (
    id            uuid primary key,
    org_id        uuid        not null,
    contact_id    uuid        not null references contact (id) on delete cascade,
    direction     text        not null,
    wa_message_id text        not null,
    type          text        not null,
    text          text,
    payload       text        not null,
    status        text,
    sent_at       timestamptz not null,
    created_at    timestamptz not null,
    constraint message_org_wa_unique unique (org_id, wa_message_id)
);
create index message_contact on message (contact_id, sent_at);
