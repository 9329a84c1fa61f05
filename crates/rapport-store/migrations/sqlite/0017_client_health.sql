-- Each client's health and posture as the engine read them, one row per client and day
-- (the day in UTC; a later reading the same day replaces the earlier): the history a
-- chart draws and the latest posture Today shows.
create table client_health_days (
    client_id bigint not null references clients (id),
    day text not null,
    score bigint not null,
    reasons text not null,
    posture text not null,
    posture_reasons text not null,
    updated_at bigint not null,
    primary key (client_id, day)
);
create index client_health_by_posture on client_health_days (posture, day);
