//! What every sweep shares: the people and clients it has read (read once per run), who
//! is responsible for a request, who hears of an overdue promise, and telling them.

use crate::{App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    CalendarId, Client, ClientId, NewNotification, NotificationKind, Request, RequestId, Role,
    User, UserId, deliver_at,
};
use std::collections::HashMap;

/// How many notifications wait before they are stored.
const PENDING: usize = 1000;

/// One run of one sweep.
pub(crate) struct Sweep<'a> {
    pub(super) app: &'a App,
    pub(super) now: Timestamp,
    users: Option<HashMap<UserId, User>>,
    clients: HashMap<ClientId, Client>,
    members: HashMap<ClientId, Vec<UserId>>,
    /// Told but not stored yet: stored together, not a statement each.
    pending: Vec<NewNotification>,
    pub(super) notified: u32,
    pub(super) breaches: u32,
    pub(super) closed: u32,
    pub(super) mailed: u32,
}

/// What a notification says, before it is addressed to anyone.
pub(super) struct About {
    pub kind: NotificationKind,
    pub client_id: ClientId,
    pub request_id: Option<RequestId>,
    pub subject_id: i64,
    pub title: String,
    pub reason: String,
    /// The event it is about; the recipient's id is added per person.
    pub key: String,
}

impl<'a> Sweep<'a> {
    pub(super) fn new(app: &'a App, now: Timestamp) -> Self {
        Self {
            app,
            now,
            users: None,
            clients: HashMap::new(),
            members: HashMap::new(),
            pending: Vec::new(),
            notified: 0,
            breaches: 0,
            closed: 0,
            mailed: 0,
        }
    }

    pub(super) async fn users(&mut self) -> Result<&HashMap<UserId, User>, AppError> {
        if self.users.is_none() {
            let users = self.app.store.list_users().await?;
            self.users = Some(users.into_iter().map(|u| (u.id, u)).collect());
        }
        Ok(self.users.as_ref().expect("just read"))
    }

    pub(super) async fn client(&mut self, id: ClientId) -> Result<Client, AppError> {
        if let Some(client) = self.clients.get(&id) {
            return Ok(client.clone());
        }
        let client = self.app.store.get_client(id).await?;
        self.clients.insert(id, client.clone());
        Ok(client)
    }

    async fn members(&mut self, client: ClientId) -> Result<Vec<UserId>, AppError> {
        if let Some(members) = self.members.get(&client) {
            return Ok(members.clone());
        }
        let members: Vec<UserId> = self
            .app
            .store
            .list_client_members(client)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        self.members.insert(client, members.clone());
        Ok(members)
    }

    /// The managers who work `client`, else every admin: someone always hears.
    pub(super) async fn client_managers(
        &mut self,
        client: ClientId,
    ) -> Result<Vec<UserId>, AppError> {
        let members = self.members(client).await?;
        let users = self.users().await?;
        let managers: Vec<UserId> = members
            .into_iter()
            .filter(|id| users.get(id).is_some_and(|u| u.role == Role::Manager))
            .collect();
        if !managers.is_empty() {
            return Ok(managers);
        }
        let mut admins: Vec<UserId> = users
            .values()
            .filter(|u| u.role == Role::Admin)
            .map(|u| u.id)
            .collect();
        admins.sort();
        Ok(admins)
    }

    /// Who a request's notifications go to: its assignee, else the client's managers.
    pub(super) async fn responsible(&mut self, request: &Request) -> Result<Vec<UserId>, AppError> {
        match request.assignee_id {
            Some(assignee) => Ok(vec![assignee]),
            None => self.client_managers(request.client_id).await,
        }
    }

    /// Who hears of `owner`'s overdue promise besides them: their manager, else the
    /// client's managers (not the owner themself).
    pub(super) async fn escalation(
        &mut self,
        owner: UserId,
        client: ClientId,
    ) -> Result<Vec<UserId>, AppError> {
        let manager = self.users().await?.get(&owner).and_then(|u| u.manager_id);
        let above = match manager {
            Some(manager) => vec![manager],
            None => self.client_managers(client).await?,
        };
        Ok(above.into_iter().filter(|id| *id != owner).collect())
    }

    /// Tells each of `people` once (per the key), in their working hours: their own time
    /// zone's, else the client's.
    pub(super) async fn tell(&mut self, people: &[UserId], about: &About) -> Result<(), AppError> {
        let client = self.client(about.client_id).await?;
        for &person in people {
            let zone = self
                .users()
                .await?
                .get(&person)
                .and_then(|u| u.time_zone.clone());
            let (calendar, zone) = match zone {
                Some(zone) => {
                    let id = CalendarId::choose(&zone, None).unwrap_or(CalendarId::WeekendsOnly);
                    (self.app.calendar(id).await?, zone.zone())
                }
                None => (
                    self.app.client_calendar(&client).await?,
                    client.time_zone.zone(),
                ),
            };
            let new = NewNotification {
                user_id: person,
                kind: about.kind,
                client_id: about.client_id,
                request_id: about.request_id,
                subject_id: about.subject_id,
                title: about.title.clone(),
                reason: about.reason.clone(),
                deliver_at: deliver_at(self.now, &calendar, &zone),
                key: format!("{}:u{person}", about.key),
            };
            self.pending.push(new);
        }
        if self.pending.len() >= PENDING {
            self.flush().await?;
        }
        Ok(())
    }

    /// Stores the notifications told so far: at the end of a run, before a sweep keeps
    /// what it read, and whenever enough are waiting.
    pub(super) async fn flush(&mut self) -> Result<(), AppError> {
        let pending = std::mem::take(&mut self.pending);
        let new = self.app.store.notify(&pending, self.now).await?;
        self.notified += u32::try_from(new).unwrap_or(u32::MAX);
        Ok(())
    }
}
