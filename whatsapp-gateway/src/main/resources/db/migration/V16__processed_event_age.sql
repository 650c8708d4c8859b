-- The consumers' record of applied events is forgotten past any redelivery (common's ForgottenDeliveries, hourly, by
-- age). Rows arrive in processed_at order, so a BRIN index finds the old ones for the cost of a few pages and costs
-- next to nothing on the insert every consumed event makes (a btree would be one more index write per event).
create index processed_event_age on processed_event using brin (processed_at);
