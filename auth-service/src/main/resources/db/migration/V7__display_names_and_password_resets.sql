-- The name colleagues see (the inbox shows who answered and who a conversation is assigned to).
alter table user_account add column display_name text;

-- "Forgot my password": a mailed, single-use, expiring link, stored as the SHA-256 of its token.
create table password_reset (
    id          uuid primary key,
    user_id     uuid        not null references user_account (id) on delete cascade,
    token_hash  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    constraint password_reset_token_unique unique (token_hash)
);
create index password_reset_user on password_reset (user_id, created_at);
