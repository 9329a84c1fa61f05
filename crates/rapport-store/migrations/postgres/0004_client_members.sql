-- Who works which client: an agent sees only the clients they are a member of.
create table client_members (
    client_id bigint not null references clients (id),
    user_id bigint not null references users (id),
    created_at bigint not null,
    updated_at bigint not null,
    primary key (client_id, user_id)
);
create index client_members_by_user on client_members (user_id, client_id);
