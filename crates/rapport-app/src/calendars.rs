//! The business calendars as this desk keeps them (the built-in ones with its working
//! hours and closed days), read once and kept for a short while, so every clock,
//! reminder and cadence counts with the same days; and changing them.

use crate::{Acting, App, AppError};
use jiff::Timestamp;
use jiff::civil::Date;
use rapport_domain::{
    Action, BusinessCalendar, CalendarId, CalendarSettings, Client, ClosedDay, Engagement,
    WorkingHours,
};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long calendars read from the database are used before they are read again: a
/// change made on another server reaches this one within this time.
const FRESH_FOR: Duration = Duration::from_secs(30);

type Calendars = HashMap<CalendarId, Arc<BusinessCalendar>>;

/// The calendars last read, and when.
#[derive(Debug, Default)]
pub(crate) struct CalendarCache {
    loaded: tokio::sync::RwLock<Option<(Instant, Arc<Calendars>)>>,
}

impl App {
    /// The calendar `id` with the desk's changes.
    pub(crate) async fn calendar(&self, id: CalendarId) -> Result<Arc<BusinessCalendar>, AppError> {
        if let Some((at, calendars)) = self.calendars.loaded.read().await.as_ref()
            && at.elapsed() < FRESH_FOR
            && let Some(calendar) = calendars.get(&id)
        {
            return Ok(calendar.clone());
        }
        let calendars: Calendars = self
            .store
            .calendar_settings()
            .await?
            .iter()
            .map(|settings| (settings.id, Arc::new(settings.apply())))
            .collect();
        let calendar = calendars
            .get(&id)
            .cloned()
            .unwrap_or_else(|| Arc::new(id.calendar().clone()));
        *self.calendars.loaded.write().await = Some((Instant::now(), Arc::new(calendars)));
        Ok(calendar)
    }

    /// The calendar a client works on.
    pub(crate) async fn client_calendar(
        &self,
        client: &Client,
    ) -> Result<Arc<BusinessCalendar>, AppError> {
        self.calendar(client.calendar).await
    }

    /// The calendar an engagement's SLA clocks run on: the client's, in the engagement's
    /// own hours when it has them.
    pub(crate) async fn engagement_calendar(
        &self,
        client: &Client,
        engagement: &Engagement,
    ) -> Result<Arc<BusinessCalendar>, AppError> {
        let calendar = self.client_calendar(client).await?;
        Ok(match engagement.working_hours {
            Some(hours) => Arc::new(calendar.with_hours(hours)),
            None => calendar,
        })
    }

    /// After a change to the calendars: read them again, and count every SLA clock anew.
    async fn calendars_changed(&self) -> Result<(), AppError> {
        *self.calendars.loaded.write().await = None;
        Ok(self.store.recheck_sla_standings().await?)
    }

    /// Every calendar with its working hours and the desk's own closed days.
    pub async fn list_calendars(
        &self,
        _acting: &Acting,
    ) -> Result<Vec<CalendarSettings>, AppError> {
        Ok(self.store.calendar_settings().await?)
    }

    pub async fn set_calendar_hours(
        &self,
        acting: &Acting,
        id: CalendarId,
        hours: WorkingHours,
        now: Timestamp,
    ) -> Result<(), AppError> {
        acting.may(Action::ManageSettings)?;
        self.store
            .set_calendar_hours(id, hours, acting.actor(), now)
            .await?;
        self.calendars_changed().await
    }

    /// Closes a day on a calendar; false when it was closed already.
    pub async fn close_calendar_day(
        &self,
        acting: &Acting,
        id: CalendarId,
        day: ClosedDay,
        now: Timestamp,
    ) -> Result<bool, AppError> {
        acting.may(Action::ManageSettings)?;
        let name = crate::text::required("name", &day.name, 100)?;
        let day = ClosedDay { name, ..day };
        let closed = self
            .store
            .close_calendar_day(id, &day, acting.actor(), now)
            .await?;
        self.calendars_changed().await?;
        Ok(closed)
    }

    /// Opens a day the desk had closed; false when it was not closed.
    pub async fn reopen_calendar_day(
        &self,
        acting: &Acting,
        id: CalendarId,
        date: Date,
        now: Timestamp,
    ) -> Result<bool, AppError> {
        acting.may(Action::ManageSettings)?;
        let opened = self
            .store
            .reopen_calendar_day(id, date, acting.actor(), now)
            .await?;
        self.calendars_changed().await?;
        Ok(opened)
    }
}
