-- Service levels in working time; an engagement names its policy (by id or name) in
-- engagements.sla_policy_id.
create table sla_policies (
    id integer primary key,
    name text not null unique,
    first_response_minutes bigint not null,
    next_response_minutes bigint not null,
    resolution_minutes bigint not null,
    warn_at_percent bigint not null,
    created_at bigint not null
);
