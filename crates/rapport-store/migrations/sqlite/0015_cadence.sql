-- An engagement's cadence as three intervals: a progress report every N working days, a
-- check-in after N days without contact, a meeting every N weeks. The old `cadence`
-- shorthand becomes the report interval (weekly 5, biweekly 10, monthly 20 working days)
-- and is no longer written.
alter table engagements add column report_every_days bigint;
alter table engagements add column check_in_after_days bigint;
alter table engagements add column meeting_every_weeks bigint;
update engagements set report_every_days = case cadence
    when 'weekly' then 5 when 'biweekly' then 10 when 'monthly' then 20 end;
