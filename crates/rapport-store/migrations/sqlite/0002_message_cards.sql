-- The decoded card of an inbound message, as JSON text.
alter table messages add column card text;
