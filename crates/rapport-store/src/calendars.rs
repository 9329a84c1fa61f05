//! A desk's changes to the built-in calendars: working hours and its own closed days.

use crate::activity::record;
use crate::rows::{millis, parse};
use crate::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use rapport_domain::{
    Actor, CalendarId, CalendarSettings, ClosedDay, NewActivity, SubjectType, WorkingHours,
};
use sqlx::Row;

/// The calendar's place in `CalendarId::ALL`: its subject id in the audit trail.
fn subject(id: CalendarId) -> i64 {
    CalendarId::ALL
        .iter()
        .position(|c| *c == id)
        .map_or(0, |i| i as i64)
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl Store {
    /// Every built-in calendar with the desk's changes (none where it has made none).
    pub async fn calendar_settings(&self) -> Result<Vec<CalendarSettings>, StoreError> {
        let mut settings: Vec<CalendarSettings> = CalendarId::ALL
            .iter()
            .map(|&id| CalendarSettings {
                id,
                hours: None,
                closed: Vec::new(),
            })
            .collect();
        let find = |settings: &mut Vec<CalendarSettings>, id: CalendarId| {
            settings.iter_mut().position(|s| s.id == id)
        };
        let hours = sqlx::query("select calendar_id, day_start, day_end from calendar_hours")
            .fetch_all(&self.read)
            .await?;
        for row in hours {
            let id: CalendarId = parse(row.try_get::<&str, _>("calendar_id")?)?;
            let text = format!(
                "{}-{}",
                row.try_get::<&str, _>("day_start")?,
                row.try_get::<&str, _>("day_end")?
            );
            if let Some(i) = find(&mut settings, id) {
                settings[i].hours = Some(WorkingHours::parse(&text).map_err(corrupt)?);
            }
        }
        let closed = sqlx::query("select calendar_id, day, name from closed_days order by day")
            .fetch_all(&self.read)
            .await?;
        for row in closed {
            let id: CalendarId = parse(row.try_get::<&str, _>("calendar_id")?)?;
            let date: Date = row.try_get::<&str, _>("day")?.parse().map_err(corrupt)?;
            if let Some(i) = find(&mut settings, id) {
                settings[i].closed.push(ClosedDay {
                    date,
                    name: row.try_get("name")?,
                });
            }
        }
        Ok(settings)
    }

    /// Sets a calendar's working hours (audited).
    pub async fn set_calendar_hours(
        &self,
        id: CalendarId,
        hours: WorkingHours,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let text = hours.text();
        let (start, end) = text.split_once('-').unwrap_or((&text, &text));
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "insert into calendar_hours (calendar_id, day_start, day_end, updated_at) values ($1, $2, $3, $4) \
             on conflict (calendar_id) do update set day_start = excluded.day_start, \
             day_end = excluded.day_end, updated_at = excluded.updated_at",
        )
        .bind(id.as_str())
        .bind(start)
        .bind(end)
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
        let entry = NewActivity {
            after: Some(text.clone()),
            ..NewActivity::action(SubjectType::Calendar, subject(id), "hours_set")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes a day on a calendar (audited); false when it was closed already.
    pub async fn close_calendar_day(
        &self,
        id: CalendarId,
        day: &ClosedDay,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query(
            "insert into closed_days (calendar_id, day, name, created_at) values ($1, $2, $3, $4) \
             on conflict (calendar_id, day) do nothing",
        )
        .bind(id.as_str())
        .bind(day.date.to_string())
        .bind(&day.name)
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let entry = NewActivity {
            after: Some(format!("{} {}", day.date, day.name)),
            ..NewActivity::action(SubjectType::Calendar, subject(id), "day_closed")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Opens a day the desk had closed (audited); false when it was not closed.
    pub async fn reopen_calendar_day(
        &self,
        id: CalendarId,
        date: Date,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("delete from closed_days where calendar_id = $1 and day = $2")
            .bind(id.as_str())
            .bind(date.to_string())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let entry = NewActivity {
            before: Some(date.to_string()),
            ..NewActivity::action(SubjectType::Calendar, subject(id), "day_reopened")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
