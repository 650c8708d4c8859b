-- Records no consumer could apply, as the platform's dead-letter topics hold them (every ft9.*.dlq topic), so that
-- platform staff can see why, replay them to their original topic after a fix, or discard them with a reason.
-- One row per dead-letter record (topic, partition, offset): reading a record twice keeps one row.
create table dead_letter (
    id                 uuid primary key,
    topic              text        not null,
    kafka_partition    int         not null,
    kafka_offset       bigint      not null,
    original_topic     text,
    original_partition int,
    original_offset    bigint,
    record_key         text,
    event_id           text,
    event_type         text,
    org_id             uuid,
    message_id         uuid,
    reason             text,
    cause              text,
    headers            text        not null,
    payload            text,
    dead_lettered_at   timestamptz not null,
    status             text        not null default 'PENDING' check (status in ('PENDING', 'REPLAYED', 'DISCARDED')),
    replays            int         not null default 0,
    settled_at         timestamptz,
    settled_by         uuid,
    discard_reason     text,
    unique (topic, kafka_partition, kafka_offset)
);
create index dead_letter_status on dead_letter (status, dead_lettered_at);
create index dead_letter_org on dead_letter (org_id, dead_lettered_at);
