-- Days the organisation is closed whatever the weekday says (holidays, a collective vacation), as ISO dates in its
-- own time zone. Announced to the other services inside the business hours ({"holidays": [...]}).
alter table organization add column holidays text[] not null default '{}';
