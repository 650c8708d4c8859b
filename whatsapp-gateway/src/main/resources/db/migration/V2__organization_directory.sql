-- The gateway's own copy of the organisations it serves, kept from tenant-service's events
-- (it never reads tenant-service's schema).
create table organization (
    org_id     uuid primary key,
    name       text        not null,
    slug       text        not null,
    time_zone  text        not null,
    locale     text        not null,
    status     text        not null,
    updated_at timestamptz not null
);
