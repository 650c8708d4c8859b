-- What an organisation knows: FAQ entries, texts and uploaded documents. PostgreSQL is the source of
-- truth; the search index in memory is rebuilt from these rows.
create table knowledge_item (
    id            uuid primary key,
    org_id        uuid        not null,
    kind          text        not null, -- FAQ | TEXT | DOCUMENT
    title         text        not null,
    question      text,                 -- FAQ
    answer        text,                 -- FAQ
    body          text,                 -- TEXT, or the text extracted from a DOCUMENT
    tags          text[]      not null default '{}',
    enabled       boolean     not null default true,
    filename      text,
    content_type  text,
    size_bytes    bigint,
    status        text        not null, -- PROCESSING | READY | FAILED
    status_reason text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index knowledge_item_org on knowledge_item (org_id, updated_at desc);

-- The passages retrieval works on, each with its embedding (little-endian float32) and the model that
-- made it, so that a change of model re-embeds.
create table knowledge_chunk (
    id         uuid primary key,
    org_id     uuid        not null,
    item_id    uuid        not null references knowledge_item (id) on delete cascade,
    ordinal    int         not null,
    text       text        not null,
    embedding  bytea       not null,
    model      text        not null,
    created_at timestamptz not null
);
create index knowledge_chunk_org on knowledge_chunk (org_id);
create index knowledge_chunk_item on knowledge_chunk (item_id, ordinal);

-- One per organisation: bumped in the transaction of every change to its knowledge, so that a replica
-- whose index reflects an older generation rebuilds it.
create table knowledge_generation (
    org_id     uuid primary key,
    generation bigint not null
);

-- Background processing of an uploaded document, with its progress.
create table ingestion_job (
    id           uuid primary key,
    org_id       uuid        not null,
    item_id      uuid        not null references knowledge_item (id) on delete cascade,
    status       text        not null, -- QUEUED | RUNNING | DONE | FAILED
    chunks_done  int         not null default 0,
    chunks_total int,
    reason       text,
    content      bytea, -- the upload, until processed (a restart resumes the job)
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index ingestion_job_item on ingestion_job (item_id);

-- The organisation as answers need it (persona, tone, locale, hours, auto-reply), kept from
-- tenant-service's organisation events.
create table organization_profile (
    org_id            uuid primary key,
    name              text        not null,
    time_zone         text        not null,
    locale            text        not null,
    status            text        not null,
    assistant_persona text,
    assistant_tone    text,
    auto_reply        boolean     not null default true,
    handoff_message   text,
    business_hours    text, -- JSON {"monday": [{"open": "08:00", "close": "12:00"}], ...}
    updated_at        timestamptz not null
);

-- Answers given per organisation and month, for its plan's quota.
create table answer_usage (
    org_id  uuid not null,
    month   text not null, -- yyyy-MM in UTC
    answers bigint not null,
    primary key (org_id, month)
);
