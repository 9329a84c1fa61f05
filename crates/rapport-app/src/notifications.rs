//! A person's notifications from the proactive engine: listed once their working hours
//! reached them, newest first, and marked read.

use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Notification, NotificationId, UserId};
use rapport_store::NotificationFilter;

impl App {
    /// The notifications delivered to the actor by `now` (or to `user`, for admins).
    pub async fn list_notifications(
        &self,
        acting: &Acting,
        user: Option<UserId>,
        unread_only: bool,
        now: Timestamp,
    ) -> Result<Vec<Notification>, AppError> {
        let user = self.whose_notifications(acting, user)?;
        Ok(self
            .store
            .list_notifications(&NotificationFilter {
                user,
                delivered_by: now,
                unread_only,
                limit: 200,
            })
            .await?)
    }

    /// How many of the actor's delivered notifications are unread, up to 100.
    pub async fn unread_notification_count(
        &self,
        acting: &Acting,
        now: Timestamp,
    ) -> Result<u32, AppError> {
        let user = self.whose_notifications(acting, None)?;
        Ok(self.store.unread_notifications(user, now, 100).await?)
    }

    /// Marks one of the actor's notifications read.
    pub async fn read_notification(
        &self,
        acting: &Acting,
        id: NotificationId,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let user = self.whose_notifications(acting, None)?;
        if self.store.mark_notification_read(user, id, now).await? {
            Ok(())
        } else {
            Err(AppError::not_found("notification", id.0))
        }
    }

    /// A person reads their own notifications; the desk itself (the command line) names
    /// whose it reads.
    fn whose_notifications(
        &self,
        acting: &Acting,
        user: Option<UserId>,
    ) -> Result<UserId, AppError> {
        match (acting.user_id(), user) {
            (Some(me), None) => Ok(me),
            (Some(me), Some(other)) if me == other => Ok(me),
            (Some(_), Some(_)) => Err(AppError::Forbidden(
                "notifications are read by the person they are for".into(),
            )),
            (None, Some(user)) => Ok(user),
            (None, None) => Err(AppError::invalid(
                "user",
                "say whose notifications: --user EMAIL",
            )),
        }
    }
}
