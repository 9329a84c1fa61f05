-- The desk at scale, for bench/today.sh, bench/pages.sh and bench/sweep.sh: 50 people,
-- 10,000 clients, 1,000,000 requests with promises, materials, SLA standings, cadences
-- and postures. Plain SQL that both backends read: run it after a preamble that creates
-- `bench_now (ms, day)` (the moment in Unix milliseconds and its UTC day), on a migrated,
-- empty database that holds user 1 (agent1@example.com).
create temp table bench_seq as
  with recursive s(g) as (select 1 union all select g + 1 from s where g < 1000000) select g from s;
insert into users (name, email, role, created_at, updated_at)
  select 'Agent ' || g, 'agent' || g || '@example.com', 'agent', n.ms, n.ms
  from bench_seq, bench_now n where g between 2 and 50;
insert into clients (name, time_zone, languages, calendar_id, created_at, updated_at)
  select 'Client ' || g, case g % 3 when 0 then 'Asia/Tokyo' when 1 then 'Asia/Shanghai' else 'Europe/London' end,
         '["ja"]', case g % 3 when 0 then 'jp' when 1 then 'cn' else 'none' end, n.ms - 200 * cast(86400000 as bigint), n.ms
  from bench_seq, bench_now n where g <= 10000;
-- Each client is worked by one person (200 clients each).
insert into client_members (client_id, user_id, created_at, updated_at)
  select c.id, (c.id % 50) + 1, n.ms, n.ms from clients c, bench_now n;
insert into engagements (client_id, name, scope_included, scope_excluded, report_every_days, check_in_after_days,
                         meeting_every_weeks, created_at, updated_at)
  select c.id, 'Retainer', '[]', '[]', 5, 14, case c.id % 4 when 0 then 2 end, n.ms - 200 * cast(86400000 as bigint), n.ms
  from clients c, bench_now n;
-- 100 requests per client, each assigned to the client's person: 1% resolved and owing
-- the final communication, 2% in clarifying, 9% open otherwise, the rest done.
insert into requests (client_id, engagement_id, subject, assignee_id, state, thread_subject, received_at, created_at, updated_at)
  select (g % 10000) + 1, (g % 10000) + 1, 'Request ' || g, ((g % 10000) + 1) % 50 + 1,
         case (g / 10000) % 100 when 0 then 'resolved' when 1 then 'clarifying' when 2 then 'clarifying'
           when 3 then 'new' when 4 then 'in_progress' when 5 then 'in_progress' when 6 then 'in_progress'
           when 7 then 'in_progress' when 8 then 'waiting_on_client' when 9 then 'waiting_on_client'
           when 10 then 'final_sent' when 11 then 'final_sent' when 12 then 'final_sent' else 'closed' end,
         'request ' || g, n.ms - (g % 180) * cast(86400000 as bigint), n.ms - (g % 180) * cast(86400000 as bigint), n.ms
  from bench_seq, bench_now n;
-- 200,000 promises, a quarter open, some overdue; 100,000 materials, a third awaited.
insert into commitments (client_id, request_id, owner_id, promise, due_at, done_at, created_at, updated_at)
  select r.client_id, r.id, r.assignee_id, 'Promise on ' || r.subject,
         n.ms + ((r.id % 21) - 10) * 3600000, case when r.id % 4 <> 0 then n.ms end, n.ms, n.ms
  from requests r, bench_now n where r.id % 5 = 0;
insert into materials (client_id, request_id, what, due_at, source, received_at, created_at, updated_at)
  select r.client_id, r.id, 'Files for ' || r.subject, n.ms + ((r.id % 15) - 3) * cast(86400000 as bigint), 'manual',
         case when r.id % 3 <> 0 then n.ms end, n.ms, n.ms
  from requests r, bench_now n where r.id % 10 = 3;
insert into sla_clocks (request_id, state, due_at, updated_at)
  select r.id, case r.id % 50 when 0 then 'breached' when 1 then 'warning' else 'ok' end, n.ms, n.ms
  from requests r, bench_now n where r.state <> 'closed';
-- Reports went out over the last week, so about one engagement in seven owes one today.
insert into activity (actor_name, subject_type, subject_id, action, at, created_at, updated_at)
  select 'bench', 'engagement', e.id, 'report_sent', n.ms - (e.id % 7) * cast(86400000 as bigint), n.ms, n.ms
  from engagements e, bench_now n;
insert into client_health_days (client_id, day, score, reasons, posture, posture_reasons, updated_at)
  select c.id, n.day, 90, '[]',
         case c.id % 5 when 3 then 'quiet' when 4 then 'pushing' else 'steady' end, '["bench"]', n.ms
  from clients c, bench_now n;
drop table bench_seq;
analyze;
