-- The W3C traceparent of the work that wrote an event, so that the relay continues its trace through Kafka.
alter table event_outbox add column trace_parent text;
