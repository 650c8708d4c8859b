-- Deletion with a grace period: until deletion_due_at the organisation can be restored.
alter table organization
    add column deletion_due_at timestamptz,
    add column messages_per_month integer not null default 1000,
    add column knowledge_items    integer not null default 100,
    add column automations        integer not null default 5,
    add column seats              integer not null default 3;
create index organization_deletion_due on organization (deletion_due_at) where deletion_due_at is not null;

-- Seats in use, kept from auth-service's user events (invited and active users count).
create table seat (
    user_id    uuid primary key,
    org_id     uuid        not null,
    status     text        not null,
    updated_at timestamptz not null
);
create index seat_org on seat (org_id);
