-- The outbox relay LISTENs on ft9_outbox and publishes as soon as a transaction that wrote events commits (NOTIFY is
-- delivered at commit, never for a rolled-back transaction, and once per transaction however many rows it wrote); the
-- relay's poll stays as the safety net. The payload names the schema, so each service's relay wakes for its own.
create function event_outbox_nudge() returns trigger language plpgsql as $$
begin
    perform pg_notify('ft9_outbox', tg_table_schema);
    return null;
end $$;
create trigger event_outbox_nudge after insert on event_outbox for each statement execute function event_outbox_nudge();
