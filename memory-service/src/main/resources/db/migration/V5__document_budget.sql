-- How many characters of text each document job extracted: an organisation's documents processed in the last hour
-- are bounded (each character costs chunking and embedding CPU that every organisation shares).
alter table ingestion_job add column text_chars int;
create index ingestion_job_org_recent on ingestion_job (org_id, created_at);
