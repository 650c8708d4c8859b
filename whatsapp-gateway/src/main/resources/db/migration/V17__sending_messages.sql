-- Messages claimed for sending and not yet settled: a few at any time. Every minute the gateway looks for those a
-- stopped sender left behind (a crash between the claim and Meta's answer); this index keeps that look off the table.
create index message_sending on message ((coalesce(status_at, created_at))) where status = 'sending';
