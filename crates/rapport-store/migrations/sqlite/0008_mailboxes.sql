-- IMAP mailboxes the desk reads: where (the URL, never with a password), the file the
-- password is read from (the password itself is not stored), and how far it has read.
create table mailboxes (
    id integer primary key,
    url text not null unique,
    password_file text not null,
    uid_validity bigint,
    last_uid bigint not null,
    last_sync_at bigint,
    last_error text,
    created_at bigint not null,
    updated_at bigint not null
);
