-- Whether the organisation was announced overdue (past due beyond the grace period), so that it is announced
-- once and settled once.
alter table billing_account add column overdue_announced boolean not null default false;
