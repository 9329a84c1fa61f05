-- A desk's changes to the built-in calendars: working hours (09:00-18:00 unless set) and
-- its own closed days; an engagement may keep its own hours for its SLA clocks.
create table calendar_hours (
    calendar_id text primary key,
    day_start text not null,
    day_end text not null,
    updated_at bigint not null
);
create table closed_days (
    calendar_id text not null,
    day text not null,
    name text not null,
    created_at bigint not null,
    primary key (calendar_id, day)
);
alter table engagements add column working_hours text;
