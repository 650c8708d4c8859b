-- Organisations whose automations' claims on messages (keywords and patterns that the assistant leaves to them) have
-- been announced to memory-service. Those with active message_received automations and no row here predate the
-- announcement: flow-service announces them once at start.
create table claims_announced (
    org_id       uuid        primary key,
    announced_at timestamptz not null
);
