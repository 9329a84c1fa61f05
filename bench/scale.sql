-- The desk at scale, for bench/today.sh and bench/pages.sh: 50 people, 10,000 clients,
-- 1,000,000 requests with promises, materials, SLA standings, cadences and postures.
-- Run on a migrated, empty PostgreSQL database that holds user 1 (agent1@example.com).
\set now '(extract(epoch from now()) * 1000)::bigint'
insert into users (name, email, role, created_at, updated_at)
  select 'Agent ' || g, 'agent' || g || '@example.com', 'agent', :now, :now from generate_series(2, 50) g;
insert into clients (name, time_zone, languages, calendar_id, created_at, updated_at)
  select 'Client ' || g, case g % 3 when 0 then 'Asia/Tokyo' when 1 then 'Asia/Shanghai' else 'Europe/London' end,
         '["ja"]', case g % 3 when 0 then 'jp' when 1 then 'cn' else 'none' end, :now - 200 * 86400000::bigint, :now
  from generate_series(1, 10000) g;
-- Each client is worked by one person (200 clients each).
insert into client_members (client_id, user_id, created_at, updated_at)
  select c.id, (c.id % 50) + 1, :now, :now from clients c;
insert into engagements (client_id, name, scope_included, scope_excluded, report_every_days, check_in_after_days,
                         meeting_every_weeks, created_at, updated_at)
  select c.id, 'Retainer', '[]', '[]', 5, 14, case c.id % 4 when 0 then 2 end, :now - 200 * 86400000::bigint, :now from clients c;
-- 100 requests per client, each assigned to the client's person: 1% resolved and owing
-- the final communication, 2% in clarifying, 9% open otherwise, the rest done.
insert into requests (client_id, engagement_id, subject, assignee_id, state, thread_subject, received_at, created_at, updated_at)
  select (g % 10000) + 1, (g % 10000) + 1, 'Request ' || g, ((g % 10000) + 1) % 50 + 1,
         case (g / 10000) % 100 when 0 then 'resolved' when 1 then 'clarifying' when 2 then 'clarifying'
           when 3 then 'new' when 4 then 'in_progress' when 5 then 'in_progress' when 6 then 'in_progress'
           when 7 then 'in_progress' when 8 then 'waiting_on_client' when 9 then 'waiting_on_client'
           when 10 then 'final_sent' when 11 then 'final_sent' when 12 then 'final_sent' else 'closed' end,
         'request ' || g, :now - (g % 180) * 86400000::bigint, :now - (g % 180) * 86400000::bigint, :now
  from generate_series(1, 1000000) g;
-- 200,000 promises, a quarter open, some overdue; 100,000 materials, a third awaited.
insert into commitments (client_id, request_id, owner_id, promise, due_at, done_at, created_at, updated_at)
  select r.client_id, r.id, r.assignee_id, 'Promise on ' || r.subject,
         :now + ((r.id % 21) - 10) * 3600000, case when r.id % 4 <> 0 then :now end, :now, :now
  from requests r where r.id % 5 = 0;
insert into materials (client_id, request_id, what, due_at, source, received_at, created_at, updated_at)
  select r.client_id, r.id, 'Files for ' || r.subject, :now + ((r.id % 15) - 3) * 86400000::bigint, 'manual',
         case when r.id % 3 <> 0 then :now end, :now, :now
  from requests r where r.id % 10 = 3;
insert into sla_clocks (request_id, state, due_at, updated_at)
  select r.id, case r.id % 50 when 0 then 'breached' when 1 then 'warning' else 'ok' end, :now, :now
  from requests r where r.state <> 'closed';
-- Reports went out over the last week, so about one engagement in seven owes one today.
insert into activity (actor_name, subject_type, subject_id, action, at, created_at, updated_at)
  select 'bench', 'engagement', e.id, 'report_sent', :now - (e.id % 7) * 86400000::bigint, :now, :now from engagements e;
insert into client_health_days (client_id, day, score, reasons, posture, posture_reasons, updated_at)
  select c.id, to_char(now(), 'YYYY-MM-DD'), 90, '[]',
         (array['steady','steady','steady','quiet','pushing'])[c.id % 5 + 1], '["bench"]', :now
  from clients c;
analyze;
