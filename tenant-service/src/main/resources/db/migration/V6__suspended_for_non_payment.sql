-- A suspension billing-service asked for (payment overdue past the grace period) is lifted by billing-service;
-- one by staff only by staff.
alter table organization add column suspended_for_non_payment boolean not null default false;
