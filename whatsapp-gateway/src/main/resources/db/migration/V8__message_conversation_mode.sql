-- The conversation's mode when an inbound message arrived: an automatic reply to a message that came while a person
-- had the conversation is not sent, even if the person gave the conversation back before the reply was ready.
alter table message add column conversation_mode text;
