-- Each organisation's retention, from tenant-service (null: it never said; 365 days). Handed-off questions past it
-- (a patient's words, and what a person replied) are deleted.
alter table organization_profile add column message_retention_days int;
