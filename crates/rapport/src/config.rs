//! Configuration in layers: defaults, then `rapport.toml`, then `RAPPORT_*` variables, then flags.

use anyhow::{Context, bail};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Every `RAPPORT_*` variable Rapport reads; any other is reported as unknown.
pub const KNOWN_VARIABLES: &[&str] = &[
    "RAPPORT_CONFIG",
    "RAPPORT_DATA_DIR",
    "RAPPORT_DATABASE_URL",
    "RAPPORT_DATABASE_URL_FILE",
    "RAPPORT_KEY_FILE",
    "RAPPORT_LISTEN",
    "RAPPORT_LOG",
    "RAPPORT_MAIL_CA_FILE",
    "RAPPORT_MAIL_FROM",
    "RAPPORT_MAX_ATTACHMENT_MB",
    "RAPPORT_SMTP_PASSWORD_FILE",
    "RAPPORT_SMTP_URL",
    "RAPPORT_TEST_POSTGRES_URL",
    "RAPPORT_THIRD_PARTY_MAIL",
];

/// What the user may put in `rapport.toml`; unknown keys are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<String>,
    pub log: Option<String>,
    /// Attachments larger than this many megabytes are described but not kept.
    pub max_attachment_mb: Option<u64>,
    /// Where replies are sent: `smtp://127.0.0.1:25`, `smtps://user@host:465`,
    /// `smtp://user@host:587?tls=required`. Without it replies are recorded, not sent.
    pub smtp_url: Option<String>,
    /// A file holding the SMTP password.
    pub smtp_password_file: Option<PathBuf>,
    /// The address replies come from: `Bright Link <desk@brightlink.example>`.
    pub mail_from: Option<String>,
    /// Certificates (PEM) to trust beside the public roots, for mail servers (IMAP and
    /// SMTP) whose certificates a private CA signed.
    pub mail_ca_file: Option<PathBuf>,
    /// The desk's key for sealed secrets (two-step sign-in); default
    /// `<data_dir>/desk.key`, made on first start. Every server of one database needs
    /// the same key.
    pub key_file: Option<PathBuf>,
}

/// The settings from the command line and the environment (clap reads both).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub database_url_file: Option<PathBuf>,
    pub listen: Option<String>,
    pub log: Option<String>,
    pub max_attachment_mb: Option<u64>,
}

/// The resolved configuration.
#[derive(Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub listen: String,
    pub log: String,
    pub max_attachment_mb: u64,
    pub smtp_url: Option<String>,
    pub smtp_password_file: Option<PathBuf>,
    pub mail_from: Option<String>,
    pub mail_ca_file: Option<PathBuf>,
    pub key_file: PathBuf,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("data_dir", &self.data_dir)
            .field("database_url", &rapport_store::redact(&self.database_url))
            .field("listen", &self.listen)
            .field("log", &self.log)
            .field("max_attachment_mb", &self.max_attachment_mb)
            .field(
                "smtp_url",
                &self.smtp_url.as_deref().map(rapport_store::redact),
            )
            .field("smtp_password_file", &self.smtp_password_file)
            .field("mail_from", &self.mail_from)
            .field("mail_ca_file", &self.mail_ca_file)
            .field("key_file", &self.key_file)
            .finish()
    }
}

impl Config {
    pub const DEFAULT_DATA_DIR: &str = "rapport-data";
    pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
    pub const DEFAULT_MAX_ATTACHMENT_MB: u64 = 25;

    /// Resolves the layers. The config file is `--config`, else `rapport.toml` in the
    /// working directory if it exists.
    pub fn load(overrides: &Overrides) -> anyhow::Result<Self> {
        let file = match &overrides.config {
            Some(path) => read_file_config(path)?,
            None if Path::new("rapport.toml").exists() => {
                read_file_config(Path::new("rapport.toml"))?
            }
            None => FileConfig::default(),
        };
        let data_dir = overrides
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from(Self::DEFAULT_DATA_DIR));
        let database_url = match (&overrides.database_url, &overrides.database_url_file) {
            (Some(url), _) => url.clone(),
            (None, Some(path)) => std::fs::read_to_string(path)
                .with_context(|| {
                    format!("failed to read the database url from {}", path.display())
                })?
                .trim()
                .to_owned(),
            (None, None) => file
                .database_url
                .unwrap_or_else(|| sqlite_url_in(&data_dir)),
        };
        let listen = overrides
            .listen
            .clone()
            .or(file.listen)
            .unwrap_or_else(|| Self::DEFAULT_LISTEN.to_owned());
        let log = overrides
            .log
            .clone()
            .or(file.log)
            .unwrap_or_else(|| "info".to_owned());
        let max_attachment_mb = overrides
            .max_attachment_mb
            .or(file.max_attachment_mb)
            .unwrap_or(Self::DEFAULT_MAX_ATTACHMENT_MB);
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Ok(Self {
            database_url,
            listen,
            log,
            max_attachment_mb,
            smtp_url: env("RAPPORT_SMTP_URL").or(file.smtp_url),
            smtp_password_file: env("RAPPORT_SMTP_PASSWORD_FILE")
                .map(PathBuf::from)
                .or(file.smtp_password_file),
            mail_from: env("RAPPORT_MAIL_FROM").or(file.mail_from),
            mail_ca_file: env("RAPPORT_MAIL_CA_FILE")
                .map(PathBuf::from)
                .or(file.mail_ca_file),
            key_file: env("RAPPORT_KEY_FILE")
                .map(PathBuf::from)
                .or(file.key_file)
                .unwrap_or_else(|| data_dir.join("desk.key")),
            data_dir,
        })
    }

    /// Where received mail is kept (raw messages and attachments, by SHA-256) and how
    /// large an attachment may be.
    pub fn mail_settings(&self) -> anyhow::Result<rapport_app::MailSettings> {
        Ok(rapport_app::MailSettings {
            blobs: rapport_mail::Blobs::new(self.data_dir.join("mail")),
            limits: rapport_mail::Limits {
                max_attachment_bytes: self.max_attachment_mb.saturating_mul(1024 * 1024),
            },
            outgoing: self.outgoing()?,
            ca_file: self.mail_ca_file.clone(),
        })
    }

    /// How replies go out: both `smtp_url` and `mail_from`, or neither.
    fn outgoing(&self) -> anyhow::Result<Option<rapport_app::Outgoing>> {
        let (url, from) = match (&self.smtp_url, &self.mail_from) {
            (None, None) => return Ok(None),
            (Some(url), Some(from)) => (url, from),
            (Some(_), None) => {
                bail!("smtp_url is set but mail_from is not: say which address replies come from")
            }
            (None, Some(_)) => {
                bail!("mail_from is set but smtp_url is not: say which server sends the mail")
            }
        };
        let password = match &self.smtp_password_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .with_context(|| {
                        format!("failed to read the SMTP password from {}", path.display())
                    })?
                    .trim_end_matches(['\r', '\n'])
                    .to_owned(),
            ),
            None => None,
        };
        let ca = match &self.mail_ca_file {
            Some(path) => Some(
                std::fs::read(path)
                    .with_context(|| format!("failed to read mail_ca_file {}", path.display()))?,
            ),
            None => None,
        };
        let smtp = rapport_mail::SmtpSender::from_url(url, password.as_deref(), ca.as_deref())
            .map_err(|e| anyhow::anyhow!("invalid smtp_url: {e}"))?;
        Ok(Some(rapport_app::Outgoing {
            from: parse_mailbox(from)?,
            smtp,
        }))
    }

    /// The desk's sealing key from `key_file`, made there (readable by its owner only)
    /// when the file does not exist yet.
    pub fn sealing_key(&self) -> anyhow::Result<rapport_app::SealingKey> {
        match std::fs::read_to_string(&self.key_file) {
            Ok(text) => rapport_app::SealingKey::from_hex(&text)
                .map_err(|e| anyhow::anyhow!("{} is not a desk key: {e}", self.key_file.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = rapport_app::SealingKey::generate()?;
                write_new_secret(&self.key_file, &key.to_hex())?;
                tracing::info!(path = %self.key_file.display(), "made the desk's key");
                Ok(key)
            }
            Err(e) => Err(e).with_context(|| {
                format!("failed to read the desk key {}", self.key_file.display())
            }),
        }
    }

    /// Creates the data directory if missing.
    pub fn ensure_data_dir(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.data_dir).with_context(|| {
            format!(
                "failed to create the data directory {}",
                self.data_dir.display()
            )
        })
    }
}

/// Writes a file only its owner can read; `create_new` unless `replace`.
pub fn write_secret_file(path: &Path, text: &str, replace: bool) -> anyhow::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("failed to write {}", path.display()))?;
    writeln!(file, "{text}")?;
    Ok(())
}

fn write_new_secret(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("failed to create {}", dir.display()))?;
    }
    write_secret_file(path, text, false)
}

/// `Name <address>` or a bare address.
fn parse_mailbox(text: &str) -> anyhow::Result<rapport_domain::MailAddress> {
    let (name, address) = match text.rsplit_once('<') {
        Some((name, rest)) => (
            Some(name.trim().trim_matches('"').trim().to_owned()).filter(|n| !n.is_empty()),
            rest.trim_end().trim_end_matches('>'),
        ),
        None => (None, text),
    };
    let address = rapport_domain::EmailAddress::parse(address)
        .map_err(|e| anyhow::anyhow!("invalid mail_from: {e}"))?;
    Ok(rapport_domain::MailAddress {
        name,
        address: address.as_str().to_owned(),
    })
}

/// The embedded default: a SQLite file in the data directory.
pub fn sqlite_url_in(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("rapport.db").display())
}

fn read_file_config(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read {}", path.display()))?;
    match toml::from_str(&text) {
        Ok(config) => Ok(config),
        Err(e) => bail!(
            "invalid configuration in {}: {}",
            path.display(),
            e.message()
        ),
    }
}

/// `RAPPORT_*` variables in the environment that Rapport does not read (likely typos).
pub fn unknown_variables() -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(name, _)| name.into_string().ok())
        .filter(|name| name.starts_with("RAPPORT_") && !KNOWN_VARIABLES.contains(&name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(text: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!(
            "rapport-config-{}-{}.toml",
            std::process::id(),
            text.len()
        ));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn layers_apply_in_order() {
        let path = temp_file("data_dir = \"/srv/rapport\"\nlisten = \"0.0.0.0:9000\"\n");
        let from_file = Config::load(&Overrides {
            config: Some(path.clone()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(from_file.data_dir, PathBuf::from("/srv/rapport"));
        assert_eq!(from_file.database_url, "sqlite:///srv/rapport/rapport.db");
        assert_eq!(from_file.listen, "0.0.0.0:9000");
        let flagged = Config::load(&Overrides {
            config: Some(path),
            listen: Some("127.0.0.1:1".into()),
            database_url: Some("postgres://u:pw@h/db".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(flagged.listen, "127.0.0.1:1");
        assert!(!format!("{flagged:?}").contains("pw"));
    }

    #[test]
    fn the_desk_key_is_made_once_for_its_owner_only_and_a_bad_one_is_refused() {
        let dir = std::env::temp_dir().join(format!("rapport-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let config = Config::load(&Overrides {
            data_dir: Some(dir.clone()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(config.key_file, dir.join("desk.key"));
        let made = config.sealing_key().unwrap();
        let again = config.sealing_key().unwrap();
        assert_eq!(
            made.to_hex(),
            again.to_hex(),
            "the file is read, not replaced"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&config.key_file)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&config.key_file, "not a key\n").unwrap();
        let refused = config.sealing_key().unwrap_err().to_string();
        assert!(refused.contains("is not a desk key"), "{refused}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn defaults_need_no_setup() {
        let config = Config::load(&Overrides::default()).unwrap();
        assert_eq!(config.listen, "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://rapport-data/rapport.db");
    }

    #[test]
    fn unknown_keys_are_reported_with_the_file() {
        let path = temp_file("listen = \"127.0.0.1:1\"\nlisen = 3\n");
        let error = Config::load(&Overrides {
            config: Some(path.clone()),
            ..Default::default()
        })
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("lisen") && message.contains(&path.display().to_string()),
            "{message}"
        );
    }
}
