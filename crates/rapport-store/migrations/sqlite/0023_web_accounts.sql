-- Signing in to the web desk: a password (argon2id, PHC string), the language the
-- person reads the desk in, and a switch that turns an account off without losing its
-- history.
alter table users add column password_hash text;
alter table users add column language text;
alter table users add column disabled_at bigint;

-- Browser sessions. The cookie carries a 256-bit secret; only its SHA-256 is kept. The
-- CSRF token is per session. updated_at is the last time the session was seen (the idle
-- timeout counts from it); expires_at is the absolute end.
create table web_sessions (
    id integer primary key,
    secret_hash text not null unique,
    user_id bigint not null references users (id),
    csrf text not null,
    address text,
    user_agent text,
    created_at bigint not null,
    updated_at bigint not null,
    expires_at bigint not null
);
create index web_sessions_by_user on web_sessions (user_id);
