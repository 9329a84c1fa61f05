-- Two-step sign-in. A person's one-time-code secret is kept sealed (encrypted with the
-- desk's key, which lives outside the database); last_step is the newest code step used,
-- so a code works once. An unconfirmed row is a setup in progress.
create table second_factors (
    user_id bigint primary key references users (id),
    sealed_secret text not null,
    last_step bigint,
    confirmed_at bigint,
    created_at bigint not null
);
alter table users add column second_factor_at bigint;

-- Single-use codes for a lost phone: only their SHA-256 is kept.
create table recovery_codes (
    id integer primary key,
    user_id bigint not null references users (id),
    code_hash text not null,
    used_at bigint
);
create index recovery_codes_by_user on recovery_codes (user_id);

-- The roles whose people must sign in with a second factor.
create table second_factor_roles (
    role text primary key
);

-- How far a browser session got: 'full', or owing its code ('code') or its setup ('enroll').
alter table web_sessions add column stage text not null default 'full';
