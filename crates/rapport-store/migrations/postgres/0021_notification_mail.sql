-- A notification also goes to its person by mail when the desk sends mail: claimed with a
-- lease by one sender, marked once handed to the SMTP server, retried a few times.
alter table notifications add column mailed_at bigint;
alter table notifications add column mail_lease_until bigint;
alter table notifications add column mail_attempts bigint not null default 0;
alter table notifications add column mail_error text;
create index notifications_to_mail on notifications (mailed_at, deliver_at);
