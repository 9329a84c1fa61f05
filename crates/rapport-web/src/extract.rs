//! Extractors that turn HTTP input into typed values or a precise `ApiError`.

use crate::auth::CurrentUser;
use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use rapport_store::IdempotencyKey;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

/// Parses a JSON body, naming the field at fault (`languages[1]`) when a value is wrong.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "the request body is empty; send a JSON object",
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if !inner.is_data() {
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_json",
                format!("the request body is not valid JSON: {inner}"),
            );
        }
        let message = inner.to_string();
        // serde reports a missing field at its parent; name the field itself.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        let field = match (missing, path.as_str()) {
            (Some(name), ".") => Some(name.to_owned()),
            (Some(name), parent) => Some(format!("{parent}.{name}")),
            (None, ".") => None,
            (None, path) => Some(path.to_owned()),
        };
        let code = if missing.is_some() {
            "missing_field"
        } else {
            "invalid_field"
        };
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code,
            message,
            field,
        }
    })?;
    deserializer.end().map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("trailing data after the JSON value: {e}"),
        )
    })?;
    Ok(value)
}

/// A changing request: the authenticated user, the parsed JSON body, and its
/// `Idempotency-Key` bound to a fingerprint of method, path and body.
pub struct Write<T> {
    pub user: CurrentUser,
    pub body: T,
    pub idempotency: Option<IdempotencyKey>,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Write<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let user = request
            .extensions()
            .get::<CurrentUser>()
            .cloned()
            .ok_or_else(|| ApiError::unauthorized("this route needs an API token"))?;
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with \"Content-Type: application/json\"",
            ));
        }
        let key = match request.headers().get("idempotency-key") {
            None => None,
            Some(value) => {
                let key = value
                    .to_str()
                    .ok()
                    .map(str::trim)
                    .filter(|k| (1..=200).contains(&k.len()));
                Some(key.map(str::to_owned).ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "invalid_idempotency_key",
                        "the Idempotency-Key header must be 1 to 200 visible ASCII characters",
                    )
                    .with_field("Idempotency-Key")
                })?)
            }
        };
        let signature = format!("{} {}\n", request.method(), request.uri().path());
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                ApiError::new(rejection.status(), "unreadable_body", rejection.body_text())
            })?;
        let body = parse_json(&bytes)?;
        let idempotency = key.map(|key| {
            let mut hasher = Sha256::new();
            hasher.update(signature.as_bytes());
            hasher.update(&bytes);
            IdempotencyKey {
                user_id: user.0.id,
                key,
                fingerprint: hex(&hasher.finalize()),
            }
        });
        Ok(Self {
            user,
            body,
            idempotency,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The numeric id in a route such as `/requests/{id}`.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|r| ApiError::new(StatusCode::BAD_REQUEST, "invalid_path", r.body_text()))?;
        parse_id(&text).map(Id)
    }
}

/// A path segment that must be an id; anything else is a 404 naming the field.
pub fn parse_id(text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>().map_err(|_| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{text:?} is not an id; ids are whole numbers"),
        )
        .with_field("id")
    })
}

/// Query-string parameters, refused with 400 and the parameter named when malformed.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| Params(value))
            .map_err(|r| ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", r.body_text()))
    }
}

/// The user a read-only request authenticated as.
impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .ok_or_else(|| ApiError::unauthorized("this route needs an API token"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Input {
        subject: String,
        time_zone: rapport_domain::TimeZoneName,
        languages: Option<Vec<rapport_domain::LanguageTag>>,
    }

    fn fails(body: &str) -> ApiError {
        parse_json::<Input>(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn errors_name_the_field() {
        let e = fails(r#"{"subject": "x", "time_zone": "Mars/Base"}"#);
        assert_eq!(
            (e.status, e.code, e.field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("time_zone")
            )
        );
        assert!(
            e.message.contains("unknown time zone \"Mars/Base\""),
            "{}",
            e.message
        );
        let e = fails(r#"{"subject": "x", "time_zone": "UTC", "languages": ["ja", "??"]}"#);
        assert_eq!(e.field.as_deref(), Some("languages[1]"));
        let e = fails(r#"{"time_zone": "UTC"}"#);
        assert_eq!(
            (e.code, e.field.as_deref()),
            ("missing_field", Some("subject"))
        );
        let e = fails(r#"{"subject": 5, "time_zone": "UTC"}"#);
        assert_eq!(e.field.as_deref(), Some("subject"));
        let e = fails(r#"{"subject": "x", "time_zone": "UTC", "sujbect": 1}"#);
        assert!(
            e.message.contains("unknown field `sujbect`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        for body in [
            "",
            "  ",
            "{",
            "{\"subject\": }",
            "{\"subject\": \"x\"",
            "{\"subject\": \"x\", \"time_zone\": \"UTC\"} {}",
        ] {
            let e = fails(body);
            assert_eq!(
                (e.status, e.code),
                (StatusCode::BAD_REQUEST, "invalid_json"),
                "{body:?}: {}",
                e.message
            );
        }
    }
}
