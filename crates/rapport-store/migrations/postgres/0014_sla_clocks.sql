-- Each request's SLA standing as the engine's last sweep found it, so that Today reads
-- the requests that need a person without running every clock: `ok`, `warning` (a
-- target past its warning share) or `breached` (a target missed and still unmet), with
-- the due time that matters.
create table sla_clocks (
    request_id bigint primary key references requests (id),
    state text not null check (state in ('ok', 'warning', 'breached')),
    due_at bigint,
    updated_at bigint not null
);
create index sla_clocks_attention on sla_clocks (state);
