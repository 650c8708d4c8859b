-- How many runs the organisation's plan allows a month (tenant-service's limits; unknown means not limited yet),
-- and the runs started per calendar month (UTC), counted as they start.
alter table organization_profile add column runs_per_month_limit int;
create table run_usage (
    org_id  uuid not null,
    period  text not null, -- 2026-11
    runs    int  not null,
    primary key (org_id, period)
);
