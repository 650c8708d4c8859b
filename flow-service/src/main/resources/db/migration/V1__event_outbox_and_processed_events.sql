-- Events that must reach Kafka after a commit are written here in the same transaction and
-- relayed afterwards (transactional outbox).
create table event_outbox (
    id           uuid primary key,
    org_id       uuid        not null,
    topic        text        not null,
    record_key   text        not null,
    type         text        not null,
    payload      text        not null, -- JSON
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index event_outbox_pending on event_outbox (created_at) where published_at is null;

-- Ids of the events each consumer has applied, so that a redelivery changes nothing.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
