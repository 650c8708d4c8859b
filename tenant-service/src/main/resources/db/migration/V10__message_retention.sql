-- How long the organisation keeps what contacts wrote (message texts, Meta's message objects, automation run data):
-- older, each service empties it; counts and reports keep their rows. The LGPD's necessity principle.
alter table organization add column message_retention_days int not null default 365
    check (message_retention_days between 30 and 3650);
