-- The month (yyyy-MM, UTC, as run_usage counts) in which the organisation's claims were withdrawn because its plan had
-- no automation runs left: the assistant answers those messages again until runs are left (a new month, a bigger plan),
-- when the claims are announced again. Null while the claims stand.
alter table claims_announced add column withdrawn_period text;
