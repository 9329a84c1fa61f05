-- What the client is to send us, by hand or read from the asks in our replies, until it
-- arrives (by hand, or with a client's mail that carries an attachment).
create table materials (
    id integer primary key,
    client_id bigint not null references clients (id),
    request_id bigint not null references requests (id),
    what text not null,
    due_at bigint,
    source text not null,
    message_id bigint references messages (id),
    evidence text,
    received_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);
create index materials_by_request on materials (request_id, received_at);
create index materials_awaited on materials (received_at, due_at);
