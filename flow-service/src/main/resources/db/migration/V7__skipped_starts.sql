-- A start an automation declined (once per contact, or within its cooldown for that contact) is kept as a run in
-- status SKIPPED with the reason, so the run history shows why a contact got no reply; it never runs.
alter table run add column skip_reason text;
