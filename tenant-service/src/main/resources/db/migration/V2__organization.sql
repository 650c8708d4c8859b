-- The organisations (clinics, schools) that use the platform. An organisation's id is the org_id
-- that every other service's tenant data carries.
create table organization (
    id         uuid primary key,
    name       text        not null,
    slug       text        not null,
    time_zone  text        not null,
    locale     text        not null,
    status     text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint organization_slug_unique unique (slug)
);
