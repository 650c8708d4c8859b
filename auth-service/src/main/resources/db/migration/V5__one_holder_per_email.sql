-- An address may be invited by several organisations, but it is held (signs in) by one account only.
-- Inviting an address that already has an account elsewhere therefore looks, to the inviting admin, exactly
-- like any other invitation (nothing tells them the address exists); only the address's owner learns, by mail,
-- that it already belongs to another organisation, and accepting such an invitation is refused to them.
alter table user_account drop constraint user_account_email_unique;
create unique index user_account_email_holder on user_account (email) where status <> 'INVITED';
create unique index user_account_org_email on user_account (org_id, email);
