-- Rapport's first schema, SQLite dialect. Times are Unix milliseconds (UTC);
-- lists are JSON arrays in text columns.
-- Booleans are integers 0 / 1 here: the Any driver reads no SQLite boolean.
create table users (
    id integer primary key,
    name text not null,
    email text not null unique,
    role text not null check (role in ('admin', 'manager', 'agent')),
    created_at bigint not null,
    updated_at bigint not null
);

create table api_tokens (
    id integer primary key,
    user_id bigint not null references users (id),
    name text not null,
    token_hash text not null unique,
    last_used_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);

create table clients (
    id integer primary key,
    name text not null,
    time_zone text not null,
    languages text not null,
    calendar_id text not null,
    created_at bigint not null,
    updated_at bigint not null
);

create table contacts (
    id integer primary key,
    client_id bigint not null references clients (id),
    name text not null,
    email text not null,
    role text,
    technical integer not null,
    reports_to bigint references contacts (id),
    created_at bigint not null,
    updated_at bigint not null,
    unique (client_id, email)
);

create table engagements (
    id integer primary key,
    client_id bigint not null references clients (id),
    name text not null,
    scope_included text not null,
    scope_excluded text not null,
    extra_rate text,
    hour_budget real,
    sla_policy_id text,
    cadence text,
    created_at bigint not null,
    updated_at bigint not null
);

create table requests (
    id integer primary key,
    client_id bigint not null references clients (id),
    engagement_id bigint references engagements (id),
    subject text not null,
    assignee_id bigint references users (id),
    state text not null,
    due_at bigint,
    final_sent_at bigint,
    closed_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);
create index requests_by_state on requests (state, id);
create index requests_by_client on requests (client_id, id);
create index requests_by_assignee on requests (assignee_id, id);

create table messages (
    id integer primary key,
    request_id bigint not null references requests (id),
    direction text not null check (direction in ('inbound', 'outbound', 'note')),
    channel text not null,
    author text not null,
    body text not null,
    is_final integer not null,
    sent_at bigint not null,
    created_at bigint not null,
    updated_at bigint not null
);
create index messages_by_request on messages (request_id, id);

create table commitments (
    id integer primary key,
    client_id bigint not null references clients (id),
    request_id bigint references requests (id),
    owner_id bigint not null references users (id),
    promise text not null,
    due_at bigint not null,
    done_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);
create index commitments_open on commitments (done_at, due_at);

create table activity (
    id integer primary key,
    actor_user_id bigint references users (id),
    actor_name text not null,
    subject_type text not null,
    subject_id bigint not null,
    action text not null,
    before_value text,
    after_value text,
    note text,
    at bigint not null,
    created_at bigint not null,
    updated_at bigint not null
);
create index activity_by_subject on activity (subject_type, subject_id, id);

create table idempotency_keys (
    user_id bigint not null references users (id),
    key text not null,
    fingerprint text not null,
    resource_type text not null,
    resource_id bigint not null,
    created_at bigint not null,
    updated_at bigint not null,
    primary key (user_id, key)
);
