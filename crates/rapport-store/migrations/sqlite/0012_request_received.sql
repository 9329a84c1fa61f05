-- When a request reached us (the mail's date, or as entered): its SLA clocks start there.
-- Requests from before were received when they were created.
alter table requests add column received_at bigint;
update requests set received_at = created_at;
