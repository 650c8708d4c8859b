-- An organisation's automations. The definition (trigger, conditions, steps) is JSON checked on save;
-- every saved definition is kept by version, so runs in progress stay on the version they started with.
create table automation (
    id                uuid primary key,
    org_id            uuid        not null,
    name              text        not null,
    status            text        not null, -- DRAFT | ACTIVE | PAUSED
    version           int         not null,
    trigger_type      text        not null,
    definition        text        not null,
    once_per_contact  boolean     not null default false,
    webhook_secret    text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index automation_org_trigger on automation (org_id, trigger_type) where status = 'ACTIVE';

create table automation_version (
    automation_id uuid        not null references automation (id) on delete cascade,
    version       int         not null,
    definition    text        not null,
    created_at    timestamptz not null,
    primary key (automation_id, version)
);

-- A run: the trigger's data and where it stands. READY runs whose due_at has come are claimed by exactly one
-- replica (for update skip locked); a delay is a READY run due later, so it survives restarts.
create table run (
    id               uuid primary key,
    org_id           uuid        not null,
    automation_id    uuid        not null references automation (id) on delete cascade,
    version          int         not null,
    trigger_event_id text        not null,
    contact_wa_id    text,
    facts            text        not null, -- JSON {"trigger": {...}, "contact": {...}}
    status           text        not null, -- READY | RUNNING | SUCCEEDED | FAILED
    step             int         not null,
    attempts         int         not null default 0,
    due_at           timestamptz not null,
    claimed_by       text,
    claimed_at       timestamptz,
    error            text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint run_once_per_trigger unique (automation_id, trigger_event_id)
);
create index run_due on run (due_at) where status = 'READY';
create index run_automation on run (automation_id, created_at desc);
create index run_contact on run (automation_id, contact_wa_id);

-- What each step of a run did: input, output or error, attempts and timing.
create table run_step (
    run_id      uuid        not null references run (id) on delete cascade,
    step        int         not null,
    type        text        not null,
    path        text        not null,
    status      text        not null, -- SUCCEEDED | FAILED | SKIPPED | WAITING
    input       text,
    output      text,
    error       text,
    attempts    int         not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    primary key (run_id, step)
);

-- The contacts as the engine knows them (from whatsapp-gateway's events), with the fields and tags automations set.
create table flow_contact (
    org_id          uuid        not null,
    wa_id           text        not null,
    contact_id      uuid,
    name            text,
    last_inbound_at timestamptz,
    opted_out       boolean     not null default false,
    fields          text        not null default '{}', -- JSON object
    tags            text[]      not null default '{}',
    first_seen_at   timestamptz not null,
    primary key (org_id, wa_id)
);

-- The organisation's time zone, hours and standing (from tenant-service's events), for business-hours triggers.
create table organization_profile (
    org_id         uuid primary key,
    time_zone      text        not null,
    status         text        not null,
    business_hours text,
    updated_at     timestamptz not null
);
