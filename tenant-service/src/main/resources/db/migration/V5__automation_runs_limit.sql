-- Automation runs a month (flow-service enforces it), from the plan like the other limits; Starter's figure for all.
alter table organization add column automation_runs_per_month integer not null default 2000;
