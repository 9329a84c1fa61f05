-- Mail: the domains a client writes from, the envelope of messages that came by mail,
-- the raw messages received (each stored once, in the transaction that files it), the
-- subject a request's thread is known by, and the triage queue for unknown senders.
create table client_domains (
    id integer primary key,
    domain text not null unique,
    client_id bigint not null references clients (id),
    created_at bigint not null,
    updated_at bigint not null
);

alter table messages add column mail text;
alter table messages add column mail_message_id text;
create index messages_by_mail_id on messages (mail_message_id);

alter table requests add column thread_subject text;
create index requests_by_thread_subject on requests (client_id, thread_subject);

create table mail_received (
    sha256 text primary key,
    -- The message as it arrived, kept with what was made of it.
    raw blob not null,
    created_at bigint not null,
    updated_at bigint not null
);

create table triage (
    id integer primary key,
    reason text not null,
    body text not null,
    received_at bigint not null,
    mail text not null,
    request_id bigint references requests (id),
    client_id bigint references clients (id),
    created_at bigint not null,
    updated_at bigint not null
);
create index triage_by_request on triage (request_id, id);
