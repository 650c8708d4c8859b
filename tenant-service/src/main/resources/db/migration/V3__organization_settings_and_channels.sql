-- Settings the other services use, and the plan an organisation is on.
alter table organization
    add column business_hours     text,   -- JSON: {"monday": [{"open": "08:00", "close": "18:00"}], ...}
    add column assistant_persona  text,
    add column assistant_tone     text    not null default 'FRIENDLY',
    add column auto_reply         boolean not null default true,
    add column handoff_message    text,
    add column notification_email text,
    add column plan               text    not null default 'STARTER',
    add column trial_ends_at      timestamptz;
create index organization_name_search on organization (lower(name));

-- WhatsApp Business numbers. A phone_number_id belongs to one organisation only; the Graph API
-- access token is kept encrypted (AES-GCM) and shown only by its last four characters.
create table whatsapp_channel (
    id                     uuid primary key,
    org_id                 uuid        not null references organization (id) on delete cascade,
    phone_number_id        text        not null,
    display_phone_number   text        not null,
    waba_id                text        not null,
    access_token_encrypted text        not null,
    access_token_last4     text        not null,
    status                 text        not null,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    constraint whatsapp_channel_phone_number_unique unique (phone_number_id)
);
create index whatsapp_channel_org on whatsapp_channel (org_id);
