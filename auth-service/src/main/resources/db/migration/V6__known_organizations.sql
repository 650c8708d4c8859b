-- The organisations tenant-service opened and has not deleted, as its events told: service tokens are issued for
-- these only. Organisations opened before this table existed are the ones auth-service already holds accounts or a
-- suspension for (every organisation's first admin is invited when it opens).
create table known_organization (
    org_id    uuid primary key,
    opened_at timestamptz not null
);
insert into known_organization (org_id, opened_at)
    select org_id, min(created_at) from user_account where org_id is not null group by org_id
    union
    select org_id, suspended_at from suspended_organization
on conflict do nothing;
