//! Clients, their contacts and their engagements.

use crate::activity::record;
use crate::create::Begun;
use crate::idempotency::{Created, IdempotencyKey};
use crate::rows::{
    Conditions, IN_LIST, flag, from_json_list, millis, opt_timestamp, parse, placeholders,
    rows_for_ids, timestamp, to_json_list,
};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, Cadence, Client, ClientId, Contact, ContactId, Engagement, EngagementId,
    EngagementTerms, MailDomain, NewActivity, NewClient, NewContact, NewEngagement, SubjectType,
    UserId, WorkingHours,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const CLIENT_COLUMNS: &str =
    "id, name, time_zone, languages, calendar_id, last_contact_at, created_at, updated_at";
const CONTACT_COLUMNS: &str =
    "id, client_id, name, email, role, technical, reports_to, created_at, updated_at";
const ENGAGEMENT_COLUMNS: &str = "id, client_id, name, scope_included, scope_excluded, extra_rate, hour_budget, \
                                  sla_policy_id, report_every_days, check_in_after_days, meeting_every_weeks, \
                                  auto_close_after_days, working_hours, created_at, updated_at";

fn client_from_row(row: &AnyRow) -> Result<Client, StoreError> {
    Ok(Client {
        id: ClientId(row.try_get("id")?),
        name: row.try_get("name")?,
        time_zone: parse(row.try_get::<&str, _>("time_zone")?)?,
        languages: from_json_list(row.try_get("languages")?)?,
        calendar: parse(row.try_get::<&str, _>("calendar_id")?)?,
        // Filled from `client_domains` by `with_domains`.
        domains: Vec::new(),
        last_contact_at: opt_timestamp(row.try_get("last_contact_at")?)?,
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

fn contact_from_row(row: &AnyRow) -> Result<Contact, StoreError> {
    Ok(Contact {
        id: ContactId(row.try_get("id")?),
        client_id: ClientId(row.try_get("client_id")?),
        name: row.try_get("name")?,
        email: parse(row.try_get::<&str, _>("email")?)?,
        role: row.try_get("role")?,
        technical: flag(row, "technical")?,
        reports_to: row.try_get::<Option<i64>, _>("reports_to")?.map(ContactId),
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

fn interval(row: &AnyRow, column: &str) -> Result<Option<u32>, StoreError> {
    row.try_get::<Option<i64>, _>(column)?
        .map(|n| u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column} {n}"))))
        .transpose()
}

fn engagement_from_row(row: &AnyRow) -> Result<Engagement, StoreError> {
    Ok(Engagement {
        id: EngagementId(row.try_get("id")?),
        client_id: ClientId(row.try_get("client_id")?),
        name: row.try_get("name")?,
        scope_included: from_json_list(row.try_get("scope_included")?)?,
        scope_excluded: from_json_list(row.try_get("scope_excluded")?)?,
        extra_rate: row.try_get("extra_rate")?,
        hour_budget: row.try_get("hour_budget")?,
        sla_policy_id: row.try_get("sla_policy_id")?,
        auto_close_after_days: interval(row, "auto_close_after_days")?,
        working_hours: row
            .try_get::<Option<&str>, _>("working_hours")?
            .map(|h| WorkingHours::parse(h).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()?,
        cadence: Cadence {
            report_every_days: interval(row, "report_every_days")?,
            check_in_after_days: interval(row, "check_in_after_days")?,
            meeting_every_weeks: interval(row, "meeting_every_weeks")?,
        },
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

/// The client that a reference in the caller's input names, or an error naming the field.
pub(crate) async fn require_client(
    conn: &mut AnyConnection,
    id: ClientId,
    field: &'static str,
) -> Result<(), StoreError> {
    let found: Option<i64> = sqlx::query_scalar("select id from clients where id = $1")
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::InvalidReference {
            field,
            message: format!("no client with id {id}"),
        }),
    }
}

/// Checks that an engagement exists and belongs to `client`.
pub(crate) async fn require_engagement_of(
    conn: &mut AnyConnection,
    id: EngagementId,
    client: ClientId,
) -> Result<(), StoreError> {
    let owner: Option<i64> = sqlx::query_scalar("select client_id from engagements where id = $1")
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    match owner {
        Some(owner) if owner == client.0 => Ok(()),
        Some(owner) => Err(StoreError::InvalidReference {
            field: "engagement_id",
            message: format!("engagement {id} belongs to client {owner}, not to client {client}"),
        }),
        None => Err(StoreError::InvalidReference {
            field: "engagement_id",
            message: format!("no engagement with id {id}"),
        }),
    }
}

/// Records that mail from `domain` belongs to `client`; a domain has one client.
async fn claim_domain(
    conn: &mut AnyConnection,
    client: ClientId,
    domain: &MailDomain,
    now: Timestamp,
) -> Result<(), StoreError> {
    let owner: Option<i64> =
        sqlx::query_scalar("select client_id from client_domains where domain = $1")
            .bind(domain.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    match owner {
        Some(owner) if owner == client.0 => Ok(()),
        Some(owner) => Err(StoreError::Conflict {
            constraint: "client_domains.domain".into(),
            message: format!("the domain {domain} already belongs to client {owner}"),
        }),
        None => {
            sqlx::query(
                "insert into client_domains (domain, client_id, created_at, updated_at) values ($1, $2, $3, $3)",
            )
            .bind(domain.as_str())
            .bind(client.0)
            .bind(millis(now))
            .execute(&mut *conn)
            .await?;
            Ok(())
        }
    }
}

pub(crate) async fn insert_contact(
    conn: &mut AnyConnection,
    new: &NewContact,
    now: Timestamp,
) -> Result<Contact, StoreError> {
    let row = sqlx::query(sql!(
        "insert into contacts (client_id, name, email, role, technical, reports_to, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning {CONTACT_COLUMNS}"
    ))
    .bind(new.client_id.0)
    .bind(new.name.trim())
    .bind(new.email.as_str())
    .bind(new.role.as_deref())
    .bind(new.technical)
    .bind(new.reports_to.map(|c| c.0))
    .bind(millis(now))
    .fetch_one(conn)
    .await
    .map_err(|e| {
        StoreError::from_insert(e, || {
            format!("client {} already has a contact {}", new.client_id, new.email)
        })
    })?;
    contact_from_row(&row)
}

/// The clients with their mail domains (in the order they were added), read in one query:
/// one client's, or every client's for a list.
async fn with_domains(
    conn: &mut AnyConnection,
    mut clients: Vec<Client>,
) -> Result<Vec<Client>, StoreError> {
    let rows = match clients.as_slice() {
        [] => return Ok(clients),
        [one] => {
            sqlx::query(
                "select client_id, domain from client_domains where client_id = $1 order by id",
            )
            .bind(one.id.0)
            .fetch_all(conn)
            .await?
        }
        _ => {
            sqlx::query("select client_id, domain from client_domains order by id")
                .fetch_all(conn)
                .await?
        }
    };
    for row in rows {
        let owner = ClientId(row.try_get("client_id")?);
        if let Some(client) = clients.iter_mut().find(|c| c.id == owner) {
            client
                .domains
                .push(parse(row.try_get::<&str, _>("domain")?)?);
        }
    }
    Ok(clients)
}

impl Store {
    /// Adds a mail domain to a client: mail from new addresses there joins it.
    pub async fn add_client_domain(
        &self,
        client: ClientId,
        domain: &MailDomain,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Client, StoreError> {
        let mut tx = self.write.begin().await?;
        let updated = sqlx::query("update clients set updated_at = $1 where id = $2")
            .bind(millis(now))
            .bind(client.0)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "client",
                id: client.0,
            });
        }
        let owner: Option<i64> =
            sqlx::query_scalar("select client_id from client_domains where domain = $1")
                .bind(domain.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if owner == Some(client.0) {
            drop(tx);
            return self.get_client(client).await;
        }
        claim_domain(&mut tx, client, domain, now).await?;
        let entry = NewActivity {
            subject_type: SubjectType::Client,
            subject_id: client.0,
            action: "domain_added",
            before: None,
            after: Some(domain.to_string()),
            note: None,
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        self.get_client(client).await
    }

    pub async fn create_client(
        &self,
        new: &NewClient,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Client>, StoreError> {
        let mut creation = match self.begin_create("client", idem, now).await? {
            Begun::Replay(id) => {
                return Ok(Created::replayed(self.get_client(ClientId(id)).await?));
            }
            Begun::Fresh(creation) => creation,
        };
        let row = sqlx::query(sql!(
            "insert into clients (name, time_zone, languages, calendar_id, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $5) returning {CLIENT_COLUMNS}"
        ))
        .bind(new.name.trim())
        .bind(new.time_zone.as_str())
        .bind(to_json_list(&new.languages))
        .bind(new.calendar.as_str())
        .bind(millis(now))
        .fetch_one(creation.conn())
        .await?;
        let client = Client {
            domains: new.domains.clone(),
            ..client_from_row(&row)?
        };
        for domain in &new.domains {
            claim_domain(creation.conn(), client.id, domain, now).await?;
        }
        creation
            .finish(actor, SubjectType::Client, client.id.0)
            .await?;
        Ok(Created::new(client))
    }

    pub async fn get_client(&self, id: ClientId) -> Result<Client, StoreError> {
        let mut conn = self.read.acquire().await?;
        let row = sqlx::query(sql!("select {CLIENT_COLUMNS} from clients where id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound {
                what: "client",
                id: id.0,
            })?;
        let mut clients = with_domains(&mut conn, vec![client_from_row(&row)?]).await?;
        Ok(clients.remove(0))
    }

    /// Every client's id, in order: for sweeps that read clients in chunks.
    pub async fn client_ids(&self) -> Result<Vec<ClientId>, StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar("select id from clients order by id")
            .fetch_all(&self.read)
            .await?;
        Ok(ids.into_iter().map(ClientId).collect())
    }

    /// Clients by name: every one, or only those `member` works.
    pub async fn list_clients(&self, member: Option<UserId>) -> Result<Vec<Client>, StoreError> {
        let rows = match member {
            None => {
                sqlx::query(sql!(
                    "select {CLIENT_COLUMNS} from clients order by name, id"
                ))
                .fetch_all(&self.read)
                .await?
            }
            Some(user) => {
                sqlx::query(sql!(
                    "select {CLIENT_COLUMNS} from clients \
                     where id in (select client_id from client_members where user_id = $1) order by name, id"
                ))
                .bind(user.0)
                .fetch_all(&self.read)
                .await?
            }
        };
        let clients = rows.iter().map(client_from_row).collect::<Result<_, _>>()?;
        with_domains(&mut *self.read.acquire().await?, clients).await
    }

    pub async fn create_contact(
        &self,
        new: &NewContact,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Contact>, StoreError> {
        let mut creation = match self.begin_create("contact", idem, now).await? {
            Begun::Replay(id) => {
                return Ok(Created::replayed(self.get_contact(ContactId(id)).await?));
            }
            Begun::Fresh(creation) => creation,
        };
        require_client(creation.conn(), new.client_id, "client_id").await?;
        if let Some(boss) = new.reports_to {
            let boss_client: Option<i64> =
                sqlx::query_scalar("select client_id from contacts where id = $1")
                    .bind(boss.0)
                    .fetch_optional(creation.conn())
                    .await?;
            if boss_client != Some(new.client_id.0) {
                return Err(StoreError::InvalidReference {
                    field: "reports_to",
                    message: format!("no contact with id {boss} at client {}", new.client_id),
                });
            }
        }
        let contact = insert_contact(creation.conn(), new, now).await?;
        creation
            .finish(actor, SubjectType::Contact, contact.id.0)
            .await?;
        Ok(Created::new(contact))
    }

    pub async fn get_contact(&self, id: ContactId) -> Result<Contact, StoreError> {
        let row = sqlx::query(sql!("select {CONTACT_COLUMNS} from contacts where id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?
            .ok_or(StoreError::NotFound {
                what: "contact",
                id: id.0,
            })?;
        contact_from_row(&row)
    }

    pub async fn list_contacts(&self, client: ClientId) -> Result<Vec<Contact>, StoreError> {
        self.get_client(client).await?;
        let rows = sqlx::query(sql!(
            "select {CONTACT_COLUMNS} from contacts where client_id = $1 order by id"
        ))
        .bind(client.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(contact_from_row).collect()
    }

    pub async fn create_engagement(
        &self,
        new: &NewEngagement,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Engagement>, StoreError> {
        let mut creation = match self.begin_create("engagement", idem, now).await? {
            Begun::Replay(id) => {
                return Ok(Created::replayed(
                    self.get_engagement(EngagementId(id)).await?,
                ));
            }
            Begun::Fresh(creation) => creation,
        };
        require_client(creation.conn(), new.client_id, "client_id").await?;
        let row = sqlx::query(sql!(
            "insert into engagements (client_id, name, scope_included, scope_excluded, extra_rate, hour_budget, \
             sla_policy_id, report_every_days, check_in_after_days, meeting_every_weeks, auto_close_after_days, \
             working_hours, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) \
             returning {ENGAGEMENT_COLUMNS}"
        ))
        .bind(new.client_id.0)
        .bind(new.name.trim())
        .bind(to_json_list(&new.scope_included))
        .bind(to_json_list(&new.scope_excluded))
        .bind(new.extra_rate.as_deref())
        .bind(new.hour_budget)
        .bind(new.sla_policy_id.as_deref())
        .bind(new.cadence.report_every_days.map(i64::from))
        .bind(new.cadence.check_in_after_days.map(i64::from))
        .bind(new.cadence.meeting_every_weeks.map(i64::from))
        .bind(new.auto_close_after_days.map(i64::from))
        .bind(new.working_hours.map(WorkingHours::text))
        .bind(millis(now))
        .fetch_one(creation.conn())
        .await?;
        let engagement = engagement_from_row(&row)?;
        creation
            .finish(actor, SubjectType::Engagement, engagement.id.0)
            .await?;
        Ok(Created::new(engagement))
    }

    pub async fn get_engagement(&self, id: EngagementId) -> Result<Engagement, StoreError> {
        let row = sqlx::query(sql!(
            "select {ENGAGEMENT_COLUMNS} from engagements where id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound {
            what: "engagement",
            id: id.0,
        })?;
        engagement_from_row(&row)
    }

    /// The engagements with these ids, in no particular order.
    pub async fn engagements_by_ids(
        &self,
        ids: &[EngagementId],
    ) -> Result<Vec<Engagement>, StoreError> {
        let sql = format!("select {ENGAGEMENT_COLUMNS} from engagements where id in ({{ids}})");
        rows_for_ids(&self.read, &sql, ids.iter().map(|id| id.0))
            .await?
            .iter()
            .map(engagement_from_row)
            .collect()
    }

    pub async fn list_engagements(&self, client: ClientId) -> Result<Vec<Engagement>, StoreError> {
        self.get_client(client).await?;
        let rows = sqlx::query(sql!(
            "select {ENGAGEMENT_COLUMNS} from engagements where client_id = $1 order by id"
        ))
        .bind(client.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(engagement_from_row).collect()
    }
}

impl Store {
    /// Changes how an engagement is served. Its requests' SLA standings are read again at
    /// the next sweep: their policy or hours may have changed.
    pub async fn set_engagement_terms(
        &self,
        id: EngagementId,
        terms: &EngagementTerms,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Engagement, StoreError> {
        let mut tx = self.write.begin().await?;
        let before = sqlx::query(sql!(
            "select {ENGAGEMENT_COLUMNS} from engagements where id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound {
            what: "engagement",
            id: id.0,
        })?;
        let before = engagement_from_row(&before)?.terms();
        let row = sqlx::query(sql!(
            "update engagements set sla_policy_id = $1, working_hours = $2, report_every_days = $3, \
             check_in_after_days = $4, meeting_every_weeks = $5, auto_close_after_days = $6, \
             updated_at = $7 where id = $8 returning {ENGAGEMENT_COLUMNS}"
        ))
        .bind(terms.sla_policy_id.as_deref())
        .bind(terms.working_hours.map(WorkingHours::text))
        .bind(terms.cadence.report_every_days.map(i64::from))
        .bind(terms.cadence.check_in_after_days.map(i64::from))
        .bind(terms.cadence.meeting_every_weeks.map(i64::from))
        .bind(terms.auto_close_after_days.map(i64::from))
        .bind(millis(now))
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
        // Every open request gets a clock due at once, the ones never read (the
        // engagement had no policy) too.
        sqlx::query(
            "insert into sla_clocks (request_id, state, updated_at, client_id, assignee_id, check_at) \
             select id, 'ok', 0, client_id, assignee_id, 0 from requests \
             where engagement_id = $1 and state <> 'closed' \
             on conflict (request_id) do update set check_at = 0",
        )
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        let entry = NewActivity {
            before: Some(before.to_string()),
            after: Some(terms.to_string()),
            ..NewActivity::action(SubjectType::Engagement, id.0, "terms_set")
        };
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        engagement_from_row(&row)
    }

    /// Engagements that keep a cadence, of the clients `member` works (all when none).
    pub async fn engagements_with_cadence(
        &self,
        member: Option<UserId>,
    ) -> Result<Vec<Engagement>, StoreError> {
        let mut conditions = Conditions::default();
        conditions.push_fixed(
            "(report_every_days is not null or check_in_after_days is not null \
             or meeting_every_weeks is not null)",
        );
        if let Some(member) = member {
            conditions.push_member(member);
        }
        let (clause, _) = conditions.sql();
        let sql = format!("select {ENGAGEMENT_COLUMNS} from engagements{clause} order by id");
        let rows = conditions.bind(sql).fetch_all(&self.read).await?;
        rows.iter().map(engagement_from_row).collect()
    }

    /// Records that an engagement's progress report went out (audited).
    pub async fn record_report_sent(
        &self,
        engagement: EngagementId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let found: Option<i64> = sqlx::query_scalar("select id from engagements where id = $1")
            .bind(engagement.0)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::NotFound {
                what: "engagement",
                id: engagement.0,
            });
        }
        let entry = NewActivity::action(SubjectType::Engagement, engagement.0, "report_sent");
        record(&mut tx, actor, entry, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The clients with these ids (domains not filled), in no particular order.
    pub async fn clients_by_ids(&self, ids: &[ClientId]) -> Result<Vec<Client>, StoreError> {
        let sql = format!("select {CLIENT_COLUMNS} from clients where id in ({{ids}})");
        rows_for_ids(&self.read, &sql, ids.iter().map(|id| id.0))
            .await?
            .iter()
            .map(client_from_row)
            .collect()
    }

    /// When each of these engagements' last progress report went out, where one did.
    pub async fn last_reports(
        &self,
        ids: &[EngagementId],
    ) -> Result<std::collections::HashMap<EngagementId, Timestamp>, StoreError> {
        let mut last = std::collections::HashMap::new();
        for chunk in ids.chunks(IN_LIST) {
            let sql = format!(
                "select subject_id, max(at) as at from activity where subject_type = 'engagement' \
                 and action = 'report_sent' and subject_id in ({}) group by subject_id",
                placeholders(chunk.len())
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id.0);
            }
            for row in query.fetch_all(&self.read).await? {
                last.insert(
                    EngagementId(row.try_get("subject_id")?),
                    timestamp(row.try_get("at")?)?,
                );
            }
        }
        Ok(last)
    }
}
