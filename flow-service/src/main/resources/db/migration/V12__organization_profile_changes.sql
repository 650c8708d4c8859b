-- flow-service keeps each organisation's opening hours in memory (every inbound message asks whether it is open); a
-- change to an organisation's profile, by any replica or by hand, NOTIFYs ft9_organization_profiles with the
-- organisation at commit (never for a rolled-back transaction), and every replica forgets that copy.
create function organization_profile_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ft9_organization_profiles', coalesce(new.org_id, old.org_id)::text);
    return null;
end $$;
create trigger organization_profile_changed after insert or update or delete on organization_profile for each row
    execute function organization_profile_changed();
