-- Invitations of new users by their organisation's admin. The token travels only in the email;
-- the table keeps its SHA-256 hash.
create table invitation (
    id          uuid primary key,
    org_id      uuid        not null,
    user_id     uuid        not null references user_account (id) on delete cascade,
    token_hash  text        not null,
    invited_by  uuid,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    constraint invitation_token_unique unique (token_hash)
);
create index invitation_user on invitation (user_id);
