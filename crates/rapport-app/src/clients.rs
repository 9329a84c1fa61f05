//! Clients, their contacts and their engagements: the input models and the actions.

use crate::text::{items, optional, required};
use crate::{Acting, App, AppError};
use jiff::Timestamp;
use rapport_domain::{
    Action, Cadence, CalendarId, Client, ClientId, Contact, ContactId, EmailAddress, Engagement,
    EngagementId, EngagementTerms, LanguageTag, MailDomain, NewClient, NewContact, NewEngagement,
    TimeZoneName, WorkingHours,
};
use rapport_store::{Created, IdempotencyKey};

/// A new client as a front door received it.
#[derive(Debug, Clone)]
pub struct ClientInput {
    pub name: String,
    pub time_zone: TimeZoneName,
    pub languages: Vec<LanguageTag>,
    /// `jp`, `cn` or `none`; the zone's default when absent.
    pub calendar: Option<String>,
    /// Mail domains the client's people write from (`example.co.jp`).
    pub domains: Vec<String>,
}

impl ClientInput {
    fn parse(self) -> Result<NewClient, AppError> {
        let calendar = CalendarId::choose(&self.time_zone, self.calendar.as_deref())
            .map_err(|e| AppError::invalid("calendar", e.to_string()))?;
        let mut domains: Vec<MailDomain> = Vec::with_capacity(self.domains.len());
        for domain in &self.domains {
            let domain = parse_domain(domain)?;
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        Ok(NewClient {
            name: required("name", &self.name, 300)?,
            time_zone: self.time_zone,
            languages: self.languages,
            calendar,
            domains,
        })
    }
}

/// A new person at a client.
#[derive(Debug, Clone)]
pub struct ContactInput {
    pub client_id: ClientId,
    pub name: String,
    pub email: EmailAddress,
    /// Job title in the client's language (広報部 部長, 市场总监).
    pub role: Option<String>,
    pub technical: bool,
    pub reports_to: Option<ContactId>,
}

impl ContactInput {
    fn parse(self) -> Result<NewContact, AppError> {
        Ok(NewContact {
            client_id: self.client_id,
            name: required("name", &self.name, 300)?,
            email: self.email,
            role: optional("role", self.role, 300)?,
            technical: self.technical,
            reports_to: self.reports_to,
        })
    }
}

/// A new engagement: the terms we work under for a client.
#[derive(Debug, Clone)]
pub struct EngagementInput {
    pub client_id: ClientId,
    pub name: String,
    pub scope_included: Vec<String>,
    pub scope_excluded: Vec<String>,
    pub extra_rate: Option<String>,
    pub hour_budget: Option<f64>,
    pub sla_policy_id: Option<String>,
    pub auto_close_after_days: Option<u32>,
    /// The engagement's own working hours for its SLA clocks.
    pub working_hours: Option<WorkingHours>,
    pub cadence: Cadence,
}

impl EngagementInput {
    fn parse(self) -> Result<NewEngagement, AppError> {
        if let Some(budget) = self.hour_budget
            && !(budget.is_finite() && budget >= 0.0)
        {
            return Err(AppError::invalid(
                "hour_budget",
                "hour_budget must be zero or more",
            ));
        }
        let terms = crate::engagement_terms::check_terms(EngagementTerms {
            sla_policy_id: self.sla_policy_id,
            working_hours: self.working_hours,
            cadence: self.cadence,
            auto_close_after_days: self.auto_close_after_days,
        })?;
        Ok(NewEngagement {
            client_id: self.client_id,
            name: required("name", &self.name, 300)?,
            scope_included: items("scope_included", self.scope_included, 300)?,
            scope_excluded: items("scope_excluded", self.scope_excluded, 300)?,
            extra_rate: optional("extra_rate", self.extra_rate, 300)?,
            hour_budget: self.hour_budget,
            sla_policy_id: terms.sla_policy_id,
            auto_close_after_days: terms.auto_close_after_days,
            working_hours: terms.working_hours,
            cadence: terms.cadence,
        })
    }
}

fn parse_domain(text: &str) -> Result<MailDomain, AppError> {
    MailDomain::parse(text).map_err(|e| AppError::invalid("domains", e.to_string()))
}

fn missing_client(id: ClientId) -> impl FnOnce() -> AppError {
    move || AppError::not_found("client", id.0)
}

impl App {
    /// The clients `ids` name (repeats allowed), read in one go, by id.
    pub(crate) async fn clients_by_id(
        &self,
        ids: impl IntoIterator<Item = ClientId>,
    ) -> Result<std::collections::HashMap<ClientId, Client>, AppError> {
        let mut ids: Vec<ClientId> = ids.into_iter().collect();
        ids.sort();
        ids.dedup();
        Ok(self
            .store
            .clients_by_ids(&ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect())
    }
}

impl App {
    pub async fn create_client(
        &self,
        acting: &Acting,
        input: ClientInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Client>, AppError> {
        acting.may(Action::CreateClient)?;
        let new = input.parse()?;
        Ok(self
            .store
            .create_client(&new, acting.actor(), idem, now)
            .await?)
    }

    /// Adds a mail domain to a client: mail from a new address there joins the client.
    pub async fn add_client_domain(
        &self,
        acting: &Acting,
        client: ClientId,
        domain: &str,
        now: Timestamp,
    ) -> Result<Client, AppError> {
        self.may_on_client(
            acting,
            Action::ManageEngagements,
            client,
            missing_client(client),
        )
        .await?;
        let domain = parse_domain(domain)?;
        Ok(self
            .store
            .add_client_domain(client, &domain, acting.actor(), now)
            .await?)
    }

    /// Every client the actor may see, by name.
    pub async fn list_clients(&self, acting: &Acting) -> Result<Vec<Client>, AppError> {
        Ok(self.store.list_clients(acting.member_scope()).await?)
    }

    /// The clients among `ids` the actor may see, by id: the names beside a list of
    /// requests or an agenda, in one read.
    pub async fn clients_among(
        &self,
        acting: &Acting,
        ids: &[ClientId],
    ) -> Result<std::collections::HashMap<ClientId, Client>, AppError> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let clients = match acting.member_scope() {
            // An agent's clients are few: read them all and keep the ones asked for.
            Some(user) => self.store.list_clients(Some(user)).await?,
            None => self.store.clients_by_ids(&ids).await?,
        };
        Ok(clients
            .into_iter()
            .filter(|c| ids.binary_search(&c.id).is_ok())
            .map(|c| (c.id, c))
            .collect())
    }

    pub async fn get_client(&self, acting: &Acting, id: ClientId) -> Result<Client, AppError> {
        self.may_on_client(acting, Action::ReadClient, id, missing_client(id))
            .await?;
        Ok(self.store.get_client(id).await?)
    }

    pub async fn create_contact(
        &self,
        acting: &Acting,
        input: ContactInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Contact>, AppError> {
        let client = input.client_id;
        self.may_on_client(acting, Action::WorkRequests, client, missing_client(client))
            .await?;
        let new = input.parse()?;
        // An unknown client is a 404 here, as for every route under /clients/{id}.
        self.store.get_client(client).await?;
        Ok(self
            .store
            .create_contact(&new, acting.actor(), idem, now)
            .await?)
    }

    pub async fn list_contacts(
        &self,
        acting: &Acting,
        client: ClientId,
    ) -> Result<Vec<Contact>, AppError> {
        self.may_on_client(acting, Action::ReadClient, client, missing_client(client))
            .await?;
        Ok(self.store.list_contacts(client).await?)
    }

    pub async fn get_contact(&self, acting: &Acting, id: ContactId) -> Result<Contact, AppError> {
        let contact = self.store.get_contact(id).await?;
        let missing = move || AppError::not_found("contact", id.0);
        self.may_on_client(acting, Action::ReadClient, contact.client_id, missing)
            .await?;
        Ok(contact)
    }

    pub async fn create_engagement(
        &self,
        acting: &Acting,
        input: EngagementInput,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Engagement>, AppError> {
        let client = input.client_id;
        self.may_on_client(
            acting,
            Action::ManageEngagements,
            client,
            missing_client(client),
        )
        .await?;
        let new = input.parse()?;
        self.store.get_client(client).await?;
        self.require_sla_policy(new.sla_policy_id.as_deref())
            .await?;
        Ok(self
            .store
            .create_engagement(&new, acting.actor(), idem, now)
            .await?)
    }

    pub async fn list_engagements(
        &self,
        acting: &Acting,
        client: ClientId,
    ) -> Result<Vec<Engagement>, AppError> {
        self.may_on_client(acting, Action::ReadClient, client, missing_client(client))
            .await?;
        Ok(self.store.list_engagements(client).await?)
    }

    pub async fn get_engagement(
        &self,
        acting: &Acting,
        id: EngagementId,
    ) -> Result<Engagement, AppError> {
        let engagement = self.store.get_engagement(id).await?;
        let missing = move || AppError::not_found("engagement", id.0);
        self.may_on_client(acting, Action::ReadClient, engagement.client_id, missing)
            .await?;
        Ok(engagement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(name: &str, zone: &str, calendar: Option<&str>) -> ClientInput {
        ClientInput {
            name: name.into(),
            time_zone: TimeZoneName::parse(zone).unwrap(),
            languages: vec![],
            calendar: calendar.map(str::to_owned),
            domains: Vec::new(),
        }
    }

    #[test]
    fn a_client_gets_its_calendar_once() {
        let new = client(" 北京星河传媒 ", "Asia/Shanghai", None)
            .parse()
            .unwrap();
        assert_eq!(
            (new.name.as_str(), new.calendar),
            ("北京星河传媒", CalendarId::China)
        );
        let new = client("Cedar Lane", "America/New_York", Some("jp"))
            .parse()
            .unwrap();
        assert_eq!(new.calendar, CalendarId::Japan);
        let error = client("x", "UTC", Some("fr")).parse().unwrap_err();
        assert!(
            matches!(&error, AppError::Invalid { field, message } if field == "calendar" && message.contains("unknown calendar \"fr\"")),
            "{error:?}"
        );
        let error = client("  ", "UTC", None).parse().unwrap_err();
        assert_eq!(error.to_string(), "name cannot be empty");
    }

    #[test]
    fn an_engagement_keeps_clean_scope_and_a_real_budget() {
        let input = EngagementInput {
            client_id: ClientId(1),
            name: "広報サポート".into(),
            scope_included: vec![" プレスリリース作成 ".into(), " ".into()],
            scope_excluded: vec!["SNS運用代行".into()],
            extra_rate: Some("  ".into()),
            hour_budget: Some(20.0),
            sla_policy_id: None,
            auto_close_after_days: None,
            working_hours: None,
            cadence: Cadence::shorthand("monthly").unwrap(),
        };
        let new = input.clone().parse().unwrap();
        assert_eq!(new.scope_included, vec!["プレスリリース作成"]);
        assert_eq!(new.extra_rate, None);
        for budget in [-1.0, f64::NAN, f64::INFINITY] {
            let error = EngagementInput {
                hour_budget: Some(budget),
                ..input.clone()
            }
            .parse()
            .unwrap_err();
            assert_eq!(error.to_string(), "hour_budget must be zero or more");
        }
    }
}
