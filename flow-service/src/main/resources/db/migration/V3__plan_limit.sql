-- The organisation's plan: how many automations may be active at once (from tenant-service's limits events;
-- unknown means not limited yet).
alter table organization_profile add column active_automations_limit int;
alter table organization_profile alter column time_zone drop not null;
alter table organization_profile alter column status drop not null;
