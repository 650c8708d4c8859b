-- Each replica keeps which organisation a number belongs to in memory (NumberRoutes); a change to a number's channel
-- row is NOTIFYed at commit (never for a rolled-back transaction) with the number, so every replica forgets its copy.
create function channel_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform pg_notify('ft9_channels', old.phone_number_id);
    end if;
    if tg_op <> 'DELETE' then
        perform pg_notify('ft9_channels', new.phone_number_id);
    end if;
    return null;
end $$;
create trigger channel_changed after insert or update or delete on channel for each row execute function channel_changed();
