-- The month in which an organisation reached its plan's message quota (billing-service's quota.exceeded):
-- the assistant stops auto-answering until the month ends or the plan changes.
create table answer_quota (
    org_id          uuid primary key,
    exceeded_period text        not null, -- 2026-11
    updated_at      timestamptz not null default now()
);
