//! Users of the desk: adding them and finding them.

use crate::text::required;
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{Action, EmailAddress, NewUser, Role, TimeZoneName, User, UserId};

/// A new user as a front door received it.
#[derive(Debug, Clone)]
pub struct UserInput {
    pub name: String,
    pub email: EmailAddress,
    pub role: Role,
}

impl App {
    pub async fn create_user(
        &self,
        acting: &Acting,
        input: UserInput,
        now: Timestamp,
    ) -> Result<User, AppError> {
        acting.may(Action::ManageUsers)?;
        let new = NewUser {
            name: required("name", &input.name, 300)?,
            email: input.email,
            role: input.role,
        };
        Ok(self.store.create_user(&new, acting.actor(), now).await?)
    }

    pub async fn list_users(&self, acting: &Acting) -> Result<Vec<User>, AppError> {
        acting.may(Action::ManageUsers)?;
        Ok(self.store.list_users().await?)
    }

    /// A user by e-mail address or numeric id, as people name them on a command line.
    /// Anyone may look up themselves; looking up others (to assign them work, to make
    /// them members of a client) is for managers and admins.
    pub async fn find_user(&self, acting: &Acting, who: &str) -> Result<User, AppError> {
        let user = match who.trim().parse::<i64>() {
            Ok(id) => return self.user_by_id(acting, UserId(id)).await,
            Err(_) => {
                let email = EmailAddress::parse(who)
                    .map_err(|e| AppError::invalid("user", e.to_string()))?;
                self.store
                    .find_user_by_email(&email)
                    .await?
                    .ok_or_else(|| {
                        AppError::invalid(
                            "user",
                            format!("no user with e-mail {email}; see `rapport user list`"),
                        )
                    })?
            }
        };
        if acting.user_id() != Some(user.id) {
            acting.may(Action::AssignRequests)?;
        }
        Ok(user)
    }

    /// A user by id, on the rules of `find_user`.
    pub(crate) async fn user_by_id(&self, acting: &Acting, id: UserId) -> Result<User, AppError> {
        let user = self.store.get_user(id).await?;
        if acting.user_id() != Some(user.id) {
            acting.may(Action::AssignRequests)?;
        }
        Ok(user)
    }

    /// Gives a person another role. Admins only, and never their own: the desk always
    /// keeps the admin who acts.
    pub async fn set_user_role(
        &self,
        acting: &Acting,
        user: UserId,
        role: Role,
        now: Timestamp,
    ) -> Result<User, AppError> {
        acting.may(Action::ManageUsers)?;
        if acting.user_id() == Some(user) {
            return Err(AppError::invalid("role", "you cannot change your own role"));
        }
        Ok(self
            .store
            .set_user_role(user, role, acting.actor(), now)
            .await?)
    }

    /// Sets the time zone a person works in: one's own, or anyone's for an admin. Their
    /// manager stays.
    pub async fn set_user_time_zone(
        &self,
        acting: &Acting,
        user: UserId,
        time_zone: Option<TimeZoneName>,
        now: Timestamp,
    ) -> Result<User, AppError> {
        if acting.user_id() != Some(user) {
            acting.may(Action::ManageUsers)?;
        }
        let manager = self.store.get_user(user).await?.manager_id;
        Ok(self
            .store
            .set_user_work(user, time_zone.as_ref(), manager, acting.actor(), now)
            .await?)
    }

    /// Sets where a user works (their notifications wait for their working hours there)
    /// and who their manager is (who hears of their overdue promises).
    pub async fn set_user_work(
        &self,
        acting: &Acting,
        user: UserId,
        time_zone: Option<TimeZoneName>,
        manager: Option<UserId>,
        now: Timestamp,
    ) -> Result<User, AppError> {
        acting.may(Action::ManageUsers)?;
        if manager == Some(user) {
            return Err(AppError::invalid(
                "manager",
                "a person is not their own manager",
            ));
        }
        Ok(self
            .store
            .set_user_work(user, time_zone.as_ref(), manager, acting.actor(), now)
            .await?)
    }
}
