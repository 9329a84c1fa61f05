-- A mailbox's password may be kept sealed with the desk's key (typed in the web desk or
-- on standard input) instead of read from a file; password_file is then empty.
alter table mailboxes add column password_sealed text;
