-- Each person's iCalendar feed is reached by a secret address; only its SHA-256 is kept.
alter table users add column calendar_token_hash text;
create unique index users_by_calendar_token on users (calendar_token_hash);
