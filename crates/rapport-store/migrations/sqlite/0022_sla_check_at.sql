-- When a request's SLA standing next changes on its own (a warning or a due time is
-- reached): the sweep reads again only requests past it or changed since their standing.
alter table sla_clocks add column check_at bigint;
create index sla_clocks_by_check on sla_clocks (check_at);
