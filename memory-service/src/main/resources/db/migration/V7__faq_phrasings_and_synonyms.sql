-- Other ways patients ask an FAQ's question ("vcs abrem q horas?"): they match like the question itself.
alter table knowledge_item add column phrasings text[] not null default '{}';

-- An organisation's own synonyms ("raio x" = "radiografia"): groups of expressions, as JSON. No row: the starting list.
create table knowledge_synonyms (
    org_id uuid primary key,
    groups jsonb not null,
    updated_at timestamptz not null
);
