-- Promises read from our own replies: which message made them, whether a time was said,
-- and the words that made them (JSON spans of the message body).
alter table commitments add column source text not null default 'manual';
alter table commitments add column message_id bigint references messages (id);
alter table commitments add column vague boolean not null default false;
alter table commitments add column evidence text;
create index commitments_by_request on commitments (request_id, done_at);
