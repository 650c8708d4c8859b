-- Users of the platform. One account per email address; platform staff (SUPER_ADMIN) have no org.
create table user_account (
    id            uuid primary key,
    org_id        uuid,
    email         text        not null,
    password_hash text,                  -- null until an invitation is accepted
    role          text        not null,
    status        text        not null,  -- INVITED, ACTIVE, DEACTIVATED
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint user_account_email_unique unique (email),
    constraint user_account_org_required check (role = 'SUPER_ADMIN' or org_id is not null)
);
create index user_account_org on user_account (org_id);

-- Rotating refresh tokens, stored as SHA-256 hashes. Tokens of one login form a family: a token
-- presented twice means it was stolen, and the whole family is revoked.
create table refresh_token (
    id          uuid primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references user_account (id) on delete cascade,
    org_id      uuid,
    token_hash  text        not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    constraint refresh_token_hash_unique unique (token_hash)
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_user on refresh_token (user_id);

-- Organisations whose users may not sign in (from tenant-service's organization.suspended).
create table suspended_organization (
    org_id       uuid primary key,
    suspended_at timestamptz not null
);
