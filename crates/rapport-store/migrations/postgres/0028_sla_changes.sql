-- The SLA sweep finds the open requests changed since its last run by this index (and
-- the clocks past their moment by sla_clocks_by_check), never by reading every request.
create index requests_open_by_update on requests (updated_at) where state <> 'closed';
-- Closing a request now deletes its standing; the sweep no longer clears them each run.
delete from sla_clocks where request_id in (select id from requests where state = 'closed');
