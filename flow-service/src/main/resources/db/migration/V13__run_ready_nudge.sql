-- The run engine LISTENs on ft9_runs and claims at once when a transaction that made a run ready to go now commits (a
-- run an automation left for the workers at its first outside call, a retry due now, an abandoned run given back);
-- its poll stays as the safety net and finds the runs that come due later. NOTIFY is delivered at commit, never for a
-- rolled-back transaction, and once per transaction however many runs it touched (same channel, same payload).
create function run_ready() returns trigger language plpgsql as $$
begin
    perform pg_notify('ft9_runs', '');
    return null;
end $$;
create trigger run_ready after insert or update on run for each row
    when (new.status = 'READY' and new.due_at <= clock_timestamp()) execute function run_ready();
