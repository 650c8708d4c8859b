-- Each organisation's retention, from tenant-service (null: it never said; 365 days). Finished runs past it lose their
-- data (the trigger's message, each step's input and output); the rows stay for counts.
alter table organization_profile add column message_retention_days int;
create index run_data_by_age on run (created_at) where facts <> '{}';
