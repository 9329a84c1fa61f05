//! `/api/v1/calendars`: the business calendars' working hours and the desk's own closed
//! days (Japan `jp`, mainland China `cn`, weekends only `none`).

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Write;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use rapport_app::AppError;
use rapport_domain::{CalendarId, CalendarSettings, ClosedDay, WorkingHours};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct CalendarView {
    /// `jp`, `cn` or `none`.
    pub id: String,
    /// `09:00-18:00` unless the desk set other hours.
    pub working_hours: String,
    /// The desk's own closed days, beyond the calendar's holidays.
    pub closed_days: Vec<ClosedDayView>,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosedDayView {
    /// `YYYY-MM-DD`.
    #[schema(value_type = String, format = Date)]
    pub date: Date,
    /// Why, as people call it (年末休業, 公司年会).
    pub name: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetHours {
    /// `10:00-19:00`.
    pub working_hours: String,
}

fn view(settings: CalendarSettings) -> CalendarView {
    CalendarView {
        id: settings.id.as_str().to_owned(),
        working_hours: settings.apply().hours().text(),
        closed_days: settings
            .closed
            .into_iter()
            .map(|d| ClosedDayView {
                date: d.date,
                name: d.name,
            })
            .collect(),
    }
}

fn calendar_id(text: &str) -> Result<CalendarId, ApiError> {
    text.parse::<CalendarId>().map_err(|_| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no calendar {text:?}: the calendars are jp, cn and none"),
        )
    })
}

#[utoipa::path(get, path = "/api/v1/calendars", tag = "calendars",
    responses((status = 200, body = Vec<CalendarView>)))]
pub async fn list_calendars(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<CalendarView>>, ApiError> {
    let calendars = state.app.list_calendars(&user.acting()).await?;
    Ok(Json(calendars.into_iter().map(view).collect()))
}

/// Sets a calendar's working hours: SLA clocks, reminders and cadence count with them.
#[utoipa::path(put, path = "/api/v1/calendars/{id}/hours", tag = "calendars", request_body = SetHours,
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_hours(
    State(state): State<AppState>,
    Path(id): Path<String>,
    input: Write<SetHours>,
) -> Result<StatusCode, ApiError> {
    let id = calendar_id(&id)?;
    let hours = WorkingHours::parse(&input.body.working_hours)
        .map_err(|e| AppError::invalid("working_hours", e.to_string()))?;
    state
        .app
        .set_calendar_hours(&input.user.acting(), id, hours, state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Closes a day on a calendar (201), or answers 200 when it was closed already.
#[utoipa::path(post, path = "/api/v1/calendars/{id}/closed-days", tag = "calendars", request_body = ClosedDayView,
    params(("id" = String, Path)),
    responses((status = 201), (status = 200), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close_day(
    State(state): State<AppState>,
    Path(id): Path<String>,
    input: Write<ClosedDayView>,
) -> Result<StatusCode, ApiError> {
    let id = calendar_id(&id)?;
    let day = ClosedDay {
        date: input.body.date,
        name: input.body.name,
    };
    let closed = state
        .app
        .close_calendar_day(&input.user.acting(), id, day, state.now())
        .await?;
    Ok(if closed {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}

/// Opens a day the desk had closed.
#[utoipa::path(delete, path = "/api/v1/calendars/{id}/closed-days/{date}", tag = "calendars",
    params(("id" = String, Path), ("date" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn reopen_day(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, date)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let id = calendar_id(&id)?;
    let date: Date = date
        .parse()
        .map_err(|_| AppError::invalid("date", format!("{date:?} is not a date (YYYY-MM-DD)")))?;
    if state
        .app
        .reopen_calendar_day(&user.acting(), id, date, state.now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{date} is not a closed day of this desk on {id}"),
        ))
    }
}
