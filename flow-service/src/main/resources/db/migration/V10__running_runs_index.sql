-- The run engine looks for abandoned runs (RUNNING for five minutes, or left by this replica) on every tick, four
-- times a second: without an index that read every run ever kept.
create index run_running on run (claimed_at) where status = 'RUNNING';
