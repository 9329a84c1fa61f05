-- A request whose final communication got no reply closes after this many working days
-- of its engagement; none: it waits for a person.
alter table engagements add column auto_close_after_days bigint;
