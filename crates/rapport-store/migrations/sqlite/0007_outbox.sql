-- Mail we send: committed with its message, handed to the SMTP server by a worker that
-- leases one row at a time, retried with backoff, kept with the server's last answer.
create table outbox (
    id integer primary key,
    message_id bigint not null references messages (id),
    request_id bigint not null references requests (id),
    sender text not null,
    recipients text not null,
    raw text not null,
    state text not null check (state in ('pending', 'sent', 'failed')),
    attempts integer not null,
    next_attempt_at bigint,
    lease_until bigint,
    last_answer text,
    sent_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);
create index outbox_due on outbox (state, next_attempt_at);
