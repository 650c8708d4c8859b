-- A contact erased at their request (LGPD): the row stays as an anonymous tombstone (its WhatsApp id replaced, no name)
-- so that counts and reports keep their rows, and a later message from the same number starts a new contact.
alter table contact add column erased_at timestamptz;

-- Erasure requests and which services confirmed they removed what they held about the contact.
create table contact_erasure (
    id           uuid primary key,
    org_id       uuid        not null,
    contact_id   uuid        not null,
    requested_by uuid,
    requested_at timestamptz not null,
    completed_at timestamptz
);
create index contact_erasure_org on contact_erasure (org_id, requested_at desc);

create table contact_erasure_confirmation (
    erasure_id   uuid        not null references contact_erasure (id) on delete cascade,
    service      text        not null,
    confirmed_at timestamptz not null,
    primary key (erasure_id, service)
);
