//! An IMAP mailbox as a source of mail: connect (TLS, or plain on loopback only), read
//! the messages above the last UID taken, mark one seen once it is stored, and wait with
//! IDLE for more where the server can.

use async_imap::extensions::idle::IdleResponse;
use futures_util::TryStreamExt;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

/// Where a mailbox is: `imaps://user@host[:993]/INBOX` or, on loopback only,
/// `imap://user@host[:143]/INBOX`. The password never goes in the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImapUrl {
    pub tls: bool,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub mailbox: String,
}

/// Why a mailbox could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct ImapError(pub String);

fn error(what: &str, cause: impl fmt::Display) -> ImapError {
    ImapError(format!("{what}: {cause}"))
}

fn percent_decode(text: &str) -> String {
    String::from_utf8_lossy(&crate::percent_decode(text)).into_owned()
}

impl ImapUrl {
    pub fn parse(url: &str) -> Result<Self, ImapError> {
        let shape = || {
            ImapError(format!(
                "{url:?} is not an IMAP URL such as imaps://user@mail.example.com/INBOX"
            ))
        };
        let (scheme, rest) = url.split_once("://").ok_or_else(shape)?;
        let tls = match scheme {
            "imaps" => true,
            "imap" => false,
            _ => return Err(shape()),
        };
        let (authority, mailbox) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, host_port) = authority
            .rsplit_once('@')
            .ok_or_else(|| ImapError(format!("{url:?} names no user: imaps://user@host/INBOX")))?;
        if user.contains(':') {
            return Err(ImapError(
                "the password does not go in the URL: give it with --password-file".into(),
            ));
        }
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || host.starts_with('[') => (
                host,
                port.parse::<u16>()
                    .map_err(|_| ImapError(format!("{port:?} is not a port")))?,
            ),
            _ => (host_port, if tls { 993 } else { 143 }),
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        if host.is_empty() || user.is_empty() {
            return Err(shape());
        }
        let loopback = crate::is_loopback(&host);
        if !tls && !loopback {
            return Err(ImapError(format!(
                "plain IMAP to {host} would send the password in the clear; use imaps:// (plain is allowed on loopback only)"
            )));
        }
        let mailbox = percent_decode(mailbox);
        Ok(Self {
            tls,
            host,
            port,
            user: percent_decode(user),
            mailbox: if mailbox.is_empty() {
                "INBOX".into()
            } else {
                mailbox
            },
        })
    }
}

impl fmt::Display for ImapUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "imaps" } else { "imap" };
        write!(
            f,
            "{scheme}://{}@{}:{}/{}",
            self.user, self.host, self.port, self.mailbox
        )
    }
}

/// The byte stream under a session: TLS or, on loopback, plain TCP.
trait Io: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug> Io for T {}

type Session = async_imap::Session<Box<dyn Io>>;

/// A logged-in session with the mailbox selected.
pub struct ImapSession {
    session: Session,
    idle: bool,
    /// The mailbox's UIDVALIDITY: UIDs taken under another one mean nothing.
    pub uid_validity: u32,
}

impl fmt::Debug for ImapSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImapSession(uidvalidity {})", self.uid_validity)
    }
}

const TIMEOUT: Duration = Duration::from_secs(60);

async fn timed<T, E: fmt::Display>(
    what: &str,
    future: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, ImapError> {
    match tokio::time::timeout(TIMEOUT, future).await {
        Ok(result) => result.map_err(|e| error(what, e)),
        Err(_) => Err(ImapError(format!(
            "{what}: no answer in {} s",
            TIMEOUT.as_secs()
        ))),
    }
}

/// Connects, logs in and selects the mailbox. Over TLS the server's certificate must
/// chain to a public root or to one of the certificates in `ca_file` (PEM), for a mail
/// server with a private CA.
pub async fn connect(
    url: &ImapUrl,
    password: &str,
    ca_file: Option<&std::path::Path>,
) -> Result<ImapSession, ImapError> {
    let tcp = timed("connect", TcpStream::connect((url.host.as_str(), url.port))).await?;
    let stream: Box<dyn Io> = if url.tls {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(path) = ca_file {
            use rustls::pki_types::{CertificateDer, pem::PemObject};
            let unreadable = |e: &dyn fmt::Display| {
                ImapError(format!("cannot read the CA file {}: {e}", path.display()))
            };
            for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(&e))? {
                roots
                    .add(cert.map_err(|e| unreadable(&e))?)
                    .map_err(|e| unreadable(&e))?;
            }
        }
        // ring is the provider that builds here without cmake (the same one lettre's SMTP
        // uses); rustls now marks it as lacking post-quantum key exchange.
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| error("TLS", e))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from(url.host.clone())
            .map_err(|e| error("TLS server name", e))?;
        let tls = timed(
            "TLS handshake",
            tokio_rustls::TlsConnector::from(Arc::new(config)).connect(name, tcp),
        )
        .await?;
        Box::new(tls)
    } else {
        Box::new(tcp)
    };
    let mut client = async_imap::Client::new(stream);
    match timed("greeting", client.read_response()).await? {
        Some(_) => {}
        None => {
            return Err(ImapError(
                "greeting: the server closed the connection".into(),
            ));
        }
    }
    let mut session = match tokio::time::timeout(TIMEOUT, client.login(&url.user, password)).await {
        Ok(Ok(session)) => session,
        Ok(Err((e, _))) => return Err(error("login", e)),
        Err(_) => return Err(ImapError("login: no answer".into())),
    };
    let idle = timed("capabilities", session.capabilities())
        .await?
        .has_str("IDLE");
    let selected = timed("select", session.select(&url.mailbox)).await?;
    Ok(ImapSession {
        session,
        idle,
        uid_validity: selected.uid_validity.unwrap_or(0),
    })
}

impl ImapSession {
    /// Up to `limit` messages with a UID above `last_uid`, oldest first, with their bytes.
    pub async fn fetch_after(
        &mut self,
        last_uid: u32,
        limit: usize,
    ) -> Result<Vec<(u32, Vec<u8>)>, ImapError> {
        let range = format!("{}:*", last_uid.saturating_add(1));
        let fetches: Vec<_> = timed("fetch", async {
            self.session
                .uid_fetch(&range, "(UID BODY.PEEK[])")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        let mut messages: Vec<(u32, Vec<u8>)> = fetches
            .iter()
            // `n:*` always names the newest message, even one taken before.
            .filter_map(|f| Some((f.uid?, f.body()?.to_vec())))
            .filter(|(uid, _)| *uid > last_uid)
            .collect();
        messages.sort_by_key(|(uid, _)| *uid);
        messages.truncate(limit);
        Ok(messages)
    }

    /// Marks a stored message seen on the server.
    pub async fn mark_seen(&mut self, uid: u32) -> Result<(), ImapError> {
        timed("store flags", async {
            self.session
                .uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(())
    }

    pub fn supports_idle(&self) -> bool {
        self.idle
    }

    /// Waits until the server says something changed, or `wait` passes.
    pub async fn idle(self, wait: Duration) -> Result<Self, ImapError> {
        let ImapSession {
            session,
            idle,
            uid_validity,
        } = self;
        let mut handle = session.idle();
        timed("idle", handle.init()).await?;
        let (response, _stop) = handle.wait_with_timeout(wait);
        let response = response.await.map_err(|e| error("idle", e))?;
        if let IdleResponse::NewData(_) = response {
            tracing::debug!("the mailbox changed");
        }
        let session = timed("idle done", handle.done()).await?;
        Ok(ImapSession {
            session,
            idle,
            uid_validity,
        })
    }

    pub async fn logout(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.session.logout()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_server_the_user_and_the_mailbox() {
        let url = ImapUrl::parse("imaps://desk%40agency.example@mail.example.com/Clients%2FJapan")
            .unwrap();
        assert_eq!(
            (
                url.tls,
                url.host.as_str(),
                url.port,
                url.user.as_str(),
                url.mailbox.as_str()
            ),
            (
                true,
                "mail.example.com",
                993,
                "desk@agency.example",
                "Clients/Japan"
            )
        );
        let local = ImapUrl::parse("imap://desk@127.0.0.1:31143").unwrap();
        assert_eq!((local.port, local.mailbox.as_str()), (31143, "INBOX"));
        assert_eq!(local.to_string(), "imap://desk@127.0.0.1:31143/INBOX");
        for (bad, says) in [
            ("imap://desk@mail.example.com/INBOX", "in the clear"),
            (
                "imaps://desk:pw@mail.example.com/INBOX",
                "password does not go in the URL",
            ),
            ("imaps://mail.example.com/INBOX", "names no user"),
            ("pop3://desk@mail.example.com", "not an IMAP URL"),
            ("imaps://desk@mail.example.com:x/INBOX", "not a port"),
        ] {
            let message = ImapUrl::parse(bad).unwrap_err().0;
            assert!(message.contains(says), "{bad}: {message}");
        }
    }
}
