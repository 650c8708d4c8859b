-- flow-service keeps each organisation's active automations in memory (every inbound message asks for them); a change
-- to an organisation's automations, by any replica or by hand, NOTIFYs ft9_automations with the organisation at commit
-- (never for a rolled-back transaction), and every replica forgets that organisation's copy.
create function automation_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ft9_automations', coalesce(new.org_id, old.org_id)::text);
    return null;
end $$;
create trigger automation_changed after insert or update or delete on automation for each row execute function automation_changed();
