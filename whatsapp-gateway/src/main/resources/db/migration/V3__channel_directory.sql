-- The phone-number-to-organisation map, kept from tenant-service's channel events. The Graph API
-- token stays sealed here too; it is opened only to send.
create table channel (
    phone_number_id      text primary key,
    org_id               uuid        not null,
    channel_id           uuid        not null,
    display_phone_number text        not null,
    waba_id              text        not null,
    access_token_sealed  text        not null,
    updated_at           timestamptz not null
);
create index channel_org on channel (org_id);
