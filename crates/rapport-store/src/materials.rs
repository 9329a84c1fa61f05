//! Materials requests: what the client is to send us, until it arrives.

use crate::activity::record;
use crate::create::Begun;
use crate::idempotency::{Created, IdempotencyKey};
use crate::rows::{
    Arg, Conditions, from_json_list, millis, opt_timestamp, parse, timestamp, to_json_list,
};
use crate::{Store, StoreError};
use jiff::Timestamp;
use rapport_domain::{
    Actor, ClientId, Material, MaterialId, MessageId, NewActivity, NewMaterial, RequestId,
    SubjectType, UserId,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

const MATERIAL_COLUMNS: &str = "id, client_id, request_id, what, due_at, source, message_id, \
     evidence, received_at, created_at, updated_at";

/// Which materials requests to list.
#[derive(Debug, Clone, Default)]
pub struct MaterialFilter {
    pub client: Option<ClientId>,
    pub request: Option<RequestId>,
    /// Only those of the clients this user is a member of.
    pub member: Option<UserId>,
    /// Leave out the ones already received.
    pub awaited_only: bool,
    /// Only those due before this moment.
    pub due_before: Option<Timestamp>,
    /// Only those of requests assigned to this user.
    pub assignee: Option<UserId>,
}

fn material_from_row(row: &AnyRow) -> Result<Material, StoreError> {
    let source: String = row.try_get("source")?;
    Ok(Material {
        id: MaterialId(row.try_get("id")?),
        client_id: ClientId(row.try_get("client_id")?),
        request_id: RequestId(row.try_get("request_id")?),
        what: row.try_get("what")?,
        due_at: opt_timestamp(row.try_get("due_at")?)?,
        source: parse(&source)?,
        message_id: row.try_get::<Option<i64>, _>("message_id")?.map(MessageId),
        evidence: match row.try_get::<Option<String>, _>("evidence")? {
            Some(json) => from_json_list(&json)?,
            None => Vec::new(),
        },
        received_at: opt_timestamp(row.try_get("received_at")?)?,
        created_at: timestamp(row.try_get("created_at")?)?,
        updated_at: timestamp(row.try_get("updated_at")?)?,
    })
}

/// Writes a materials request; `message` is the outbound message an ask was read from.
pub(crate) async fn insert_material(
    conn: &mut AnyConnection,
    new: &NewMaterial,
    message: Option<MessageId>,
    actor: &Actor,
    now: Timestamp,
) -> Result<Material, StoreError> {
    let row = sqlx::query(sql!(
        "insert into materials (client_id, request_id, what, due_at, source, message_id, evidence, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning {MATERIAL_COLUMNS}"
    ))
    .bind(new.client_id.0)
    .bind(new.request_id.0)
    .bind(new.what.trim())
    .bind(new.due_at.map(millis))
    .bind(new.source.as_str())
    .bind(message.map(|m| m.0))
    .bind(to_json_list(&new.evidence))
    .bind(millis(now))
    .fetch_one(&mut *conn)
    .await?;
    let material = material_from_row(&row)?;
    let entry = NewActivity::created(SubjectType::Material, material.id.0);
    record(conn, actor, entry, now).await?;
    Ok(material)
}

/// Marks every awaited materials request of `request` received: the client's mail brought
/// an attachment.
pub(crate) async fn receive_all(
    conn: &mut AnyConnection,
    request: RequestId,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "select id from materials where request_id = $1 and received_at is null",
    )
    .bind(request.0)
    .fetch_all(&mut *conn)
    .await?;
    for id in ids {
        mark_received(conn, MaterialId(id), actor, now).await?;
    }
    Ok(())
}

async fn mark_received(
    conn: &mut AnyConnection,
    id: MaterialId,
    actor: &Actor,
    now: Timestamp,
) -> Result<(), StoreError> {
    let updated = sqlx::query(
        "update materials set received_at = $1, updated_at = $1 where id = $2 and received_at is null",
    )
    .bind(millis(now))
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 1 {
        let entry = NewActivity {
            action: "received",
            ..NewActivity::created(SubjectType::Material, id.0)
        };
        record(conn, actor, entry, now).await?;
    }
    Ok(())
}

impl Store {
    pub async fn create_material(
        &self,
        new: &NewMaterial,
        actor: &Actor,
        idem: Option<&IdempotencyKey>,
        now: Timestamp,
    ) -> Result<Created<Material>, StoreError> {
        let mut creation = match self.begin_create("material", idem, now).await? {
            Begun::Replay(id) => {
                return Ok(Created::replayed(self.get_material(MaterialId(id)).await?));
            }
            Begun::Fresh(creation) => creation,
        };
        let owner: Option<i64> = sqlx::query_scalar("select client_id from requests where id = $1")
            .bind(new.request_id.0)
            .fetch_optional(&mut *creation.conn())
            .await?;
        if owner != Some(new.client_id.0) {
            return Err(StoreError::InvalidReference {
                field: "request_id",
                message: format!(
                    "no request with id {} at client {}",
                    new.request_id, new.client_id
                ),
            });
        }
        let material = insert_material(creation.conn(), new, None, actor, now).await?;
        creation.commit(material.id.0).await?;
        Ok(Created::new(material))
    }

    pub async fn get_material(&self, id: MaterialId) -> Result<Material, StoreError> {
        let row = sqlx::query(sql!(
            "select {MATERIAL_COLUMNS} from materials where id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound {
            what: "material",
            id: id.0,
        })?;
        material_from_row(&row)
    }

    /// Materials requests by due time, the ones with no due time last.
    pub async fn list_materials(
        &self,
        filter: &MaterialFilter,
    ) -> Result<Vec<Material>, StoreError> {
        let mut conditions = Conditions::tracked(
            filter.client,
            filter.request,
            filter.member,
            "received_at",
            filter.awaited_only,
        );
        if let Some(assignee) = filter.assignee {
            conditions.push_around(
                "request_id in (select id from requests where assignee_id = {})",
                Arg::Int(assignee.0),
            );
        }
        if let Some(before) = filter.due_before {
            conditions.push("due_at <", Arg::Int(millis(before)));
        }
        let (clause, _) = conditions.sql();
        let sql = format!(
            "select {MATERIAL_COLUMNS} from materials{clause} order by due_at is null, due_at, id"
        );
        let rows = conditions.bind(sql).fetch_all(&self.read).await?;
        rows.iter().map(material_from_row).collect()
    }

    /// Marks a materials request received; marking it again changes nothing.
    pub async fn receive_material(
        &self,
        id: MaterialId,
        actor: &Actor,
        now: Timestamp,
    ) -> Result<Material, StoreError> {
        let mut tx = self.write.begin().await?;
        mark_received(&mut tx, id, actor, now).await?;
        tx.commit().await?;
        self.get_material(id).await
    }
}
