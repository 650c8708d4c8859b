-- When each scheduled automation fires next (computed from its cron in the organisation's time zone). A firing is a
-- run whose trigger event id names the automation and the fire time, so two replicas cannot start it twice.
create table automation_schedule (
    automation_id uuid primary key references automation (id) on delete cascade,
    next_fire_at  timestamptz not null
);
