-- The messages each organisation's automations answer by themselves (flow-service's ft9.flow.message_claims.changed.v1,
-- the whole set at each change): the assistant stays silent on them. Read with the organisation's profile, in the one
-- statement each contact's message costs before any search.
create table automation_claims (
    org_id       uuid        primary key,
    claims       jsonb       not null,
    announced_at timestamptz not null
);
