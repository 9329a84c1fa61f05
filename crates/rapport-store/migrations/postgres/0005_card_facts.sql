-- The facts of a decoded card as columns, so Today, search and the inbox filter
-- without reading JSON; card_version says which card layout the JSON is in.
alter table messages add column card_version integer;
alter table messages add column card_language text;
alter table messages add column card_urgency text;
alter table messages add column card_kind text;
alter table messages add column card_due bigint;
create index messages_by_card_due on messages (card_due);
