-- One row per organisation that has ever had billing: its Stripe customer, its subscription as last applied,
-- and the plan whose limits apply.
create table billing_account (
    org_id                  uuid primary key,
    stripe_customer_id      text unique,
    stripe_subscription_id  text unique,
    plan                    text        not null default 'STARTER',
    status                  text        not null default 'NONE',
    current_period_end      timestamptz,
    cancel_at_period_end    boolean     not null default false,
    pending_plan            text,
    pending_from            timestamptz,
    stripe_as_of            timestamptz,
    past_due_since          timestamptz,
    billing_email           text,
    updated_at              timestamptz not null default now()
);
create index billing_account_pending on billing_account (pending_from) where pending_plan is not null;

-- Every Stripe event applied, once (Stripe delivers at least once).
create table stripe_event (
    id          text primary key,
    type        text        not null,
    org_id      uuid,
    created     timestamptz not null,
    received_at timestamptz not null default now()
);
create index stripe_event_org on stripe_event (org_id);

-- Invoices seen, so that a late "payment_failed" after "paid" changes nothing.
create table invoice (
    id          text primary key,
    org_id      uuid        not null,
    status      text        not null,
    amount      bigint      not null,
    currency    text        not null,
    updated_at  timestamptz not null default now()
);
create index invoice_org on invoice (org_id);

-- Use per organisation and calendar month (UTC), counted from the services' events.
create table usage_counter (
    org_id      uuid    not null,
    period      text    not null, -- 2026-11
    metric      text    not null, -- messages, answers
    used        bigint  not null default 0,
    primary key (org_id, period, metric)
);

-- A quota exceeded is announced once per organisation, month and metric.
create table quota_notice (
    org_id      uuid    not null,
    period      text    not null,
    metric      text    not null,
    noticed_at  timestamptz not null default now(),
    primary key (org_id, period, metric)
);
