-- The health job counts each client's overdue promises 200 clients at a time; without this
-- index every page read all the desk's open overdue promises (57 ms a page at 1,000,000
-- requests, 1.7 ms with it).
create index commitments_by_client on commitments (client_id, done_at, due_at);
