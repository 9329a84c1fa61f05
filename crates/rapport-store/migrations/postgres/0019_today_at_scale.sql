-- What Today reads for one person over a large desk, without scanning: a client's last
-- contact kept with the client, promises by owner, requests by assignee and state, and
-- each SLA standing with the request's client and assignee (refreshed by the sweep).
alter table clients add column last_contact_at bigint;
update clients set last_contact_at = (select max(m.sent_at) from messages m
    join requests r on r.id = m.request_id where r.client_id = clients.id and m.direction <> 'note');
create index commitments_by_owner on commitments (owner_id, done_at, due_at);
create index requests_by_assignee_state on requests (assignee_id, state, id);
alter table sla_clocks add column client_id bigint;
alter table sla_clocks add column assignee_id bigint;
update sla_clocks set client_id = (select client_id from requests where id = sla_clocks.request_id),
    assignee_id = (select assignee_id from requests where id = sla_clocks.request_id);
create index sla_clocks_by_assignee on sla_clocks (assignee_id, state);
create index sla_clocks_by_client on sla_clocks (client_id, state);
