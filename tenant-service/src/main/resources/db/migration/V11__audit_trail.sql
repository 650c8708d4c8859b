-- Each organisation's audit trail: who did what, when, from where, before and after. Entries arrive from every service
-- (ft9.audit, keyed by organisation) and are chained here: each carries the hash of the one before it in its
-- organisation, and audit_chain holds the last one, so an entry changed, removed or inserted afterwards shows.
create table audit_record (
    id uuid primary key,               -- the ft9.audit.recorded event's id (applied once)
    org_id uuid not null,
    seq bigint not null,
    at timestamptz not null,
    service text not null,
    actor_kind text not null,
    actor_id uuid,
    actor_role text,
    address text,
    action text not null,
    target_type text,
    target_id text,
    before_state text,
    after_state text,
    prev_hash char(64) not null,
    hash char(64) not null,
    recorded_at timestamptz not null default now(),
    unique (org_id, seq)
);
create index audit_record_org_at on audit_record (org_id, at desc);
create index audit_record_org_action on audit_record (org_id, action, at desc);

create table audit_chain (
    org_id uuid primary key,
    seq bigint not null,
    hash char(64) not null
);

-- Append-only: nothing updates an entry, and only an organisation's erasure removes its entries (it says so first in
-- its own transaction: set local ft9.audit_purge = '<org id>').
create function audit_record_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('ft9.audit_purge', true) = old.org_id::text then
        return old;
    end if;
    raise exception 'audit records are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_record_append_only();
