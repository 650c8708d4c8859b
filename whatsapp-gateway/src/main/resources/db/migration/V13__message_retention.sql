-- Each organisation's retention, from tenant-service (null: it never said; 365 days). Messages past it lose their
-- words; the partial index keeps finding them cheap as emptied rows leave it.
alter table organization add column message_retention_days int;
create index message_words_by_age on message (sent_at) where text is not null or payload <> '{}';
