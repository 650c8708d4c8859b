-- Questions the assistant handed off for lack of knowledge: what the knowledge base should learn next. A person's reply
-- in the same conversation is kept beside the question, to prefill the FAQ that closes the gap.
create table knowledge_gap (
    id uuid primary key,
    org_id uuid not null,
    question text not null,
    -- the question's index terms (accents folded, Portuguese stems, no stop words), space-separated: what groups it
    terms text not null,
    conversation_id uuid,
    contact_id uuid,
    message_id uuid,
    asked_at timestamptz not null,
    answer text,
    answered_at timestamptz,
    -- closed by an FAQ made from it (resolved_item_id) or set aside by an admin (no item)
    closed_at timestamptz,
    resolved_item_id uuid
);
create index knowledge_gap_open on knowledge_gap (org_id, asked_at desc) where closed_at is null;
create index knowledge_gap_awaiting_answer on knowledge_gap (conversation_id, asked_at desc) where answer is null;
create unique index knowledge_gap_message on knowledge_gap (message_id) where message_id is not null;
