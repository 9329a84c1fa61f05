-- A person's saved inbox filters: a name and the filter as a query string.
create table saved_views (
    id integer primary key,
    user_id bigint not null references users (id),
    name text not null,
    query text not null,
    created_at bigint not null,
    updated_at bigint not null,
    unique (user_id, name)
);
