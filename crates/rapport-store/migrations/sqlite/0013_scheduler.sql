-- The proactive engine: recurring jobs claimed with a lease, what it tells people
-- (once per key), and SLA breaches recorded with their cause. Users get their own time
-- zone (their working hours) and a manager (who hears of their overdue promises).
create table jobs (
    name text primary key,
    run_at bigint not null,
    lease_until bigint,
    runs bigint not null default 0,
    last_run_at bigint,
    last_error text
);
create index jobs_due on jobs (run_at);

create table notifications (
    id integer primary key,
    user_id bigint not null references users (id),
    kind text not null,
    client_id bigint not null references clients (id),
    request_id bigint references requests (id),
    subject_id bigint not null,
    title text not null,
    reason text not null,
    deliver_at bigint not null,
    read_at bigint,
    key text not null unique,
    created_at bigint not null
);
create index notifications_for_user on notifications (user_id, deliver_at);

create table sla_breaches (
    id integer primary key,
    request_id bigint not null references requests (id),
    target text not null,
    due_at bigint not null,
    cause text not null,
    recorded_at bigint not null,
    unique (request_id, target, due_at)
);

alter table users add column time_zone text;
alter table users add column manager_id bigint references users (id);
