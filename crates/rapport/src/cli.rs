//! What the user typed: clap definitions of every command and option.

use crate::config::Overrides;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "rapport",
    version,
    about = "Rapport: the client-work desk",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Configuration file (default: ./rapport.toml when present)
    #[arg(long, global = true, env = "RAPPORT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where Rapport keeps its SQLite file and the demo token
    #[arg(long, global = true, env = "RAPPORT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER@HOST/DB (default: SQLite in the data directory)
    #[arg(
        long,
        global = true,
        env = "RAPPORT_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// A file holding the database URL (for secrets)
    #[arg(
        long,
        global = true,
        env = "RAPPORT_DATABASE_URL_FILE",
        value_name = "FILE"
    )]
    pub database_url_file: Option<PathBuf>,
    /// Log filter, e.g. info or rapport=debug
    #[arg(long, global = true, env = "RAPPORT_LOG", value_name = "FILTER")]
    pub log: Option<String>,
    /// Attachments over this size are described but not kept (default 25)
    #[arg(
        long,
        global = true,
        env = "RAPPORT_MAX_ATTACHMENT_MB",
        value_name = "MB"
    )]
    pub max_attachment_mb: Option<u64>,
    /// Print JSON instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    /// Act as this user (e-mail or id), with their role and clients; without it the
    /// command acts as the system, with every right
    #[arg(long = "as", global = true, value_name = "USER")]
    pub as_user: Option<String>,
}

impl GlobalArgs {
    pub fn overrides(&self, listen: Option<String>) -> Overrides {
        Overrides {
            config: self.config.clone(),
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            database_url_file: self.database_url_file.clone(),
            listen,
            log: self.log.clone(),
            max_attachment_mb: self.max_attachment_mb,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the desk: the HTTP API on 127.0.0.1:8080 unless told otherwise
    Serve {
        /// Address to listen on; anything but loopback exposes the desk to the network
        #[arg(long, env = "RAPPORT_LISTEN", value_name = "ADDR")]
        listen: Option<String>,
        /// Load the demo desk into an empty database and print its API token
        #[arg(long)]
        demo: bool,
        /// Leave the proactive engine's jobs to the other servers on this database
        #[arg(long)]
        no_jobs: bool,
        /// Mark session cookies Secure: browsers reach the desk over HTTPS (a proxy's
        /// X-Forwarded-Proto: https does the same per request)
        #[arg(long)]
        secure_cookies: bool,
        /// A reverse proxy whose X-Forwarded-For names the browser's address (repeatable)
        #[arg(long, value_name = "IP")]
        trusted_proxy: Vec<std::net::IpAddr>,
    },
    /// Bring the database schema up to date
    Migrate,
    /// Print the OpenAPI document of the HTTP API
    Openapi,
    /// Decode a client message (language, deadline, urgency, requester, purpose, kind,
    /// tone), or with --outbound a reply of ours (promises, asks, linter findings)
    Decode {
        /// The message text (a file, or - or nothing for standard input); with --jsonl,
        /// JSON lines {"id", "text", "sent_at", "tz", "calendar"?}, and with --outbound
        /// also "technical"? and "reply_to"?
        file: Option<PathBuf>,
        /// When the message was sent, RFC 3339 with offset (default: now)
        #[arg(long)]
        now: Option<String>,
        /// The client's IANA time zone
        #[arg(long, default_value = "UTC")]
        tz: String,
        /// Business calendar: jp, cn or none (default: from the time zone)
        #[arg(long)]
        calendar: Option<String>,
        /// Stream JSON lines in, one {"id", "card"} or {"id", "error"} line out per input
        #[arg(long)]
        jsonl: bool,
        /// Read a reply of ours: the promises it makes, what it asks, the linter's findings
        #[arg(long)]
        outbound: bool,
        /// With --outbound: the recipient is not technical (jargon is pointed out)
        #[arg(long, requires = "outbound")]
        non_technical: bool,
        /// With --outbound: the client message being answered, for unanswered questions
        #[arg(long, requires = "outbound", value_name = "FILE")]
        reply_to: Option<PathBuf>,
    },
    /// Measure the decoder against labelled data
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Manage users of the desk
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage clients, their contacts and engagements
    #[command(subcommand)]
    Client(ClientCommand),
    /// Work requests: list, show, create, move, add messages
    #[command(subcommand)]
    Request(RequestCommand),
    /// Receive mail from .eml files, mbox files and Maildir folders
    Ingest {
        /// Files and folders to read (a folder: a Maildir, or every file below it)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Mail from unknown senders, waiting for someone to say whose it is
    #[command(subcommand)]
    Triage(TriageCommand),
    /// Mail we send: what is pending, sent or failed, with the server's answer
    #[command(subcommand)]
    Outbox(OutboxCommand),
    /// IMAP mailboxes the desk reads (rapport serve watches them)
    #[command(subcommand)]
    Mailbox(MailboxCommand),
    /// What clients are to send us (files, access, decisions), until it arrives
    #[command(subcommand)]
    Materials(MaterialsCommand),
    /// What needs you now: broken promises, final communications owed, late materials,
    /// what is due within a day, requests waiting on the client
    Today {
        /// One person's agenda (e-mail address or id): the promises they made, the requests
        /// assigned to them; without it, the whole desk
        #[arg(long)]
        user: Option<String>,
        /// The agenda as of this moment (RFC 3339), not now
        #[arg(long)]
        now: Option<String>,
    },
    /// Service levels in working time; an engagement names one (--sla-policy on the API)
    #[command(subcommand)]
    Sla(SlaCommand),
    /// What the proactive engine told you: SLA breaches and warnings, overdue promises,
    /// reminder days, final communications owed
    #[command(subcommand)]
    Notifications(NotificationsCommand),
    /// The proactive engine's recurring jobs (rapport serve runs them)
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Business calendars (jp, cn, none): working hours and the desk's own closed days
    #[command(subcommand)]
    Calendar(CalendarCommand),
}

#[derive(Subcommand, Debug)]
pub enum CalendarCommand {
    /// Each calendar's working hours and the desk's own closed days
    List,
    /// Set a calendar's working hours: rapport calendar hours jp 10:00-19:00
    Hours { id: String, hours: String },
    /// Close a day on a calendar: rapport calendar close jp 2026-12-29 --name 年末休業
    Close {
        id: String,
        date: String,
        #[arg(long)]
        name: String,
    },
    /// Open a day the desk had closed
    Reopen { id: String, date: String },
}

#[derive(Subcommand, Debug)]
pub enum NotificationsCommand {
    /// Those delivered by now (in the person's working hours), newest first
    List {
        /// Whose (e-mail address or id); with --as, your own
        #[arg(long)]
        user: Option<String>,
        /// Only those not read yet
        #[arg(long)]
        unread: bool,
        /// As of this moment (RFC 3339), not now
        #[arg(long)]
        now: Option<String>,
    },
    /// Mark one of your notifications read (with --as)
    Read { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum JobsCommand {
    /// Run the jobs that are due once, as a server would, and print what they did
    Run {
        /// As of this moment (RFC 3339), not the database's clock
        #[arg(long)]
        now: Option<String>,
    },
    /// When each job runs next and how its last run went
    List,
}

#[derive(Subcommand, Debug)]
pub enum SlaCommand {
    /// Add a policy: rapport sla add --name Standard --first-response 4h --next-response 8h --resolution 3d
    Add {
        #[arg(long)]
        name: String,
        /// Working time to our first reply: 30m, 4h, 1d (a working day of 9 hours)
        #[arg(long)]
        first_response: String,
        /// Working time to our reply after each client message
        #[arg(long)]
        next_response: String,
        /// Working time to resolved
        #[arg(long)]
        resolution: String,
        /// The share of a target after which it warns
        #[arg(long, default_value_t = 75)]
        warn_at: i64,
    },
    /// Change a policy (only what you pass; engagements that name it follow a new name):
    /// rapport sla edit 2 --first-response 2h
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        first_response: Option<String>,
        #[arg(long)]
        next_response: Option<String>,
        #[arg(long)]
        resolution: Option<String>,
        #[arg(long)]
        warn_at: Option<i64>,
    },
    /// Delete a policy no engagement is held to
    Remove { id: i64 },
    /// List the policies
    List,
}

#[derive(Subcommand, Debug)]
pub enum MaterialsCommand {
    /// Ask for something on a request: rapport materials add --request 12 --what "logo files (AI/SVG)" --due 2026-12-03T18:00:00+09:00
    Add {
        #[arg(long)]
        request: i64,
        #[arg(long)]
        what: String,
        /// When we need it, RFC 3339 with offset
        #[arg(long)]
        due: Option<String>,
    },
    /// List what is awaited, by due time (our replies' asks are listed too)
    List {
        #[arg(long)]
        request: Option<i64>,
        /// Also list what has arrived
        #[arg(long)]
        all: bool,
    },
    /// Mark something received (a client's mail with an attachment does it by itself)
    Received { id: i64 },
    /// Draft a gentle reminder in the client's language
    Remind { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum MailboxCommand {
    /// Read an IMAP mailbox: imaps://user@host/INBOX (plain imap:// on loopback only)
    Add {
        #[arg(long)]
        imap_url: String,
        /// The file holding the password (it is read at each connection, never stored)
        #[arg(long, value_name = "FILE", required_unless_present = "password_stdin")]
        password_file: Option<PathBuf>,
        /// Read the password from standard input and keep it sealed with the desk's key
        #[arg(long, conflicts_with = "password_file")]
        password_stdin: bool,
    },
    /// List mailboxes with their last sync and error
    List,
    /// Read what is new now, in one mailbox or all
    Sync {
        #[arg(long)]
        id: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum OutboxCommand {
    /// List outgoing mail, newest first
    List {
        /// pending, sent or failed (default: all)
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Send what is due now (rapport serve does this every few seconds)
    Send,
    /// Queue a failed mail again
    Retry { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum TriageCommand {
    /// List what waits in triage, oldest first
    List {
        /// Also list messages assigned already
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Show one triaged message whole
    Show { id: i64 },
    /// Give a triaged message to a client: it opens a request (or joins --request)
    Assign {
        id: i64,
        #[arg(long)]
        client: i64,
        /// Join this request of the client instead of opening a new one
        #[arg(long)]
        request: Option<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Per-field accuracy on a labelled development set (a .jsonl file or a folder of them)
    Decoder {
        set: PathBuf,
        /// Print every mismatch on standard error
        #[arg(long)]
        errors: bool,
    },
    /// Agreement with Duckling's corpus or chrono's test phrases (a .tsv file)
    Time {
        tsv: PathBuf,
        /// Print every disagreement on standard error
        #[arg(long)]
        errors: bool,
    },
    /// Print the kind model trained on a labelled set (for lexicons/kind_model.tsv)
    TrainKinds { set: PathBuf },
    /// The outbound reader's promises and asks against a labelled set of our replies
    Outbound {
        set: PathBuf,
        /// Print every mismatch on standard error
        #[arg(long)]
        errors: bool,
    },
    /// The composer's linter against labelled drafts, good and bad
    Lint {
        set: PathBuf,
        /// Print every mismatch on standard error
        #[arg(long)]
        errors: bool,
    },
    /// What the decoder says deliverables are for, against a labelled inbound set
    Purpose {
        set: PathBuf,
        /// Print every mismatch on standard error
        #[arg(long)]
        errors: bool,
    },
}

/// How an engagement is served: SLA policy, hours, cadence, auto-close.
#[derive(clap::Args, Debug)]
pub struct TermsArgs {
    /// A progress report every 5, 10 or 20 working days: weekly, biweekly or monthly
    #[arg(long, conflicts_with = "report_every")]
    pub cadence: Option<String>,
    /// A progress report every N working days
    #[arg(long, value_name = "N")]
    pub report_every: Option<u32>,
    /// A check-in after N days without contact either way
    #[arg(long, value_name = "N")]
    pub check_in_after: Option<u32>,
    /// A regular meeting every N weeks
    #[arg(long, value_name = "N")]
    pub meeting_every: Option<u32>,
    /// Close a request N working days after its final communication when the client
    /// has not replied
    #[arg(long, value_name = "N")]
    pub auto_close_after: Option<u32>,
    /// The engagement's own working hours for its SLA clocks, e.g. 10:00-19:00
    #[arg(long, value_name = "HH:MM-HH:MM")]
    pub hours: Option<String>,
    /// The SLA policy its requests are held to, by name or id (rapport sla add)
    #[arg(long)]
    pub sla: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// Make the user an administrator (same as --role admin)
        #[arg(long, conflicts_with = "role")]
        admin: bool,
        /// admin, manager or agent
        #[arg(long, default_value = "agent")]
        role: String,
        /// Give the user a password to sign in to the web desk, read from this file
        /// (- reads standard input; one trailing newline is dropped)
        #[arg(long, value_name = "FILE")]
        password_file: Option<std::path::PathBuf>,
    },
    /// List users
    List,
    /// Set a user's web desk password (8 to 128 characters, not a common one); every
    /// session of theirs ends
    SetPassword {
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
        /// Where to read the password (- reads standard input)
        #[arg(long, value_name = "FILE")]
        password_file: std::path::PathBuf,
    },
    /// Turn an account off: it signs in nowhere, its sessions end and its API tokens stop
    /// working; its history stays
    Disable {
        #[arg(long)]
        user: String,
    },
    /// Turn an account back on
    Enable {
        #[arg(long)]
        user: String,
    },
    /// Sign a user out of every browser
    SignOut {
        #[arg(long)]
        user: String,
    },
    /// Turn off a user's two-step sign-in (a lost phone): they sign in with their
    /// password and set it up again; every session of theirs ends
    ResetSecondFactor {
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
    },
    /// Say which roles must sign in with two steps (from each person's next sign-in):
    /// rapport user require-second-factor admin manager; with no role, none must
    RequireSecondFactor {
        /// admin, manager, agent
        roles: Vec<String>,
    },
    /// A new secret address of the user's iCalendar feed (promises, due dates, meetings);
    /// the earlier one stops working
    CalendarLink {
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
    },
    /// Say where a user works (notifications wait for their working hours there) and who
    /// their manager is (who hears of their overdue promises)
    Set {
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
        /// IANA time zone, e.g. Asia/Tokyo
        #[arg(long)]
        time_zone: Option<String>,
        /// The manager's e-mail address or id
        #[arg(long, conflicts_with = "no_manager")]
        manager: Option<String>,
        /// Remove the manager
        #[arg(long)]
        no_manager: bool,
        /// Give the user another role: admin, manager or agent
        #[arg(long)]
        role: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a user and print it (shown once; only its hash is stored)
    Create {
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
        /// A label to recognise the token by
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// List tokens (labels and dates only), newest first
    List {
        /// Only this user's tokens (e-mail address or id)
        #[arg(long)]
        user: Option<String>,
    },
    /// Revoke a token by its id: it stops working (within 10 s on a running server)
    Revoke { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum ClientCommand {
    /// List clients
    List,
    /// Show a client with its contacts and engagements
    Show { id: i64 },
    /// Add a client
    Add {
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. Asia/Tokyo
        #[arg(long)]
        time_zone: String,
        /// Languages, comma-separated BCP 47 tags, e.g. ja,en
        #[arg(long, value_delimiter = ',')]
        languages: Vec<String>,
        /// jp, cn or none (default: from the time zone)
        #[arg(long)]
        calendar: Option<String>,
        /// A mail domain the client writes from, e.g. example.co.jp (repeatable)
        #[arg(long = "domain")]
        domains: Vec<String>,
    },
    /// Add a mail domain to a client: mail from new addresses there joins it
    AddDomain {
        #[arg(long)]
        client: i64,
        #[arg(long)]
        domain: String,
    },
    /// Add a contact to a client
    AddContact {
        #[arg(long)]
        client: i64,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: Option<String>,
        /// Technical vocabulary is fine with this person
        #[arg(long)]
        technical: bool,
        /// Id of the contact this one reports to
        #[arg(long)]
        reports_to: Option<i64>,
    },
    /// Add an engagement (scope, rates, cadence) to a client
    AddEngagement {
        #[arg(long)]
        client: i64,
        #[arg(long)]
        name: String,
        /// A scope item that is included (repeatable)
        #[arg(long = "include")]
        included: Vec<String>,
        /// A scope item that is excluded (repeatable)
        #[arg(long = "exclude")]
        excluded: Vec<String>,
        #[arg(long)]
        extra_rate: Option<String>,
        #[arg(long)]
        hour_budget: Option<f64>,
        #[command(flatten)]
        terms: TermsArgs,
    },
    /// Change how an engagement is served: only what you pass changes (--clear first
    /// removes every term); its requests' SLA clocks follow at once
    SetTerms {
        #[arg(long)]
        engagement: i64,
        /// Start from no terms at all
        #[arg(long)]
        clear: bool,
        #[command(flatten)]
        terms: TermsArgs,
    },
    /// A client's posture (pushing, quiet, tired, in trouble) with its play, and its health
    /// with every reason and its history
    Standing { id: i64 },
    /// Record that an engagement's progress report went out: the next is due its interval on
    ReportSent {
        #[arg(long)]
        engagement: i64,
    },
    /// Make a user a member of a client: an agent sees only the clients they work
    AddMember {
        #[arg(long)]
        client: i64,
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
    },
    /// End a user's membership of a client: an agent no longer sees it
    RemoveMember {
        #[arg(long)]
        client: i64,
        /// The user's e-mail address or id
        #[arg(long)]
        user: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum RequestCommand {
    /// List requests, newest first
    List {
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        client: Option<i64>,
        #[arg(long)]
        assignee: Option<i64>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Show a request with its thread
    Show { id: i64 },
    /// Draft the final communication of a resolved request, in the client's language
    FinalDraft { id: i64 },
    /// Create a request
    Create {
        #[arg(long)]
        client: i64,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        engagement: Option<i64>,
        #[arg(long)]
        assignee: Option<i64>,
        /// Due time, RFC 3339 with offset, e.g. 2026-12-04T18:00:00+09:00
        #[arg(long)]
        due: Option<String>,
        /// When the client's request reached us (RFC 3339; default now): the SLA clocks start there
        #[arg(long)]
        received: Option<String>,
    },
    /// Move a request to another state
    Transition {
        id: i64,
        /// new, clarifying, in_progress, waiting_on_client, resolved, final_sent, closed, reopened
        #[arg(long)]
        to: String,
        /// Close without the final communication, saying why (audited)
        #[arg(long)]
        skip_final_reason: Option<String>,
    },
    /// Add a message to a request's thread (body from --body, or a file, or - for stdin)
    Message {
        id: i64,
        /// inbound, outbound or note
        #[arg(long)]
        direction: String,
        #[arg(long, conflicts_with = "file")]
        body: Option<String>,
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        author: Option<String>,
        /// email, chat, phone, web or api
        #[arg(long, default_value = "email")]
        channel: String,
        /// This outbound message is the final communication
        #[arg(long)]
        r#final: bool,
        /// Recipient of an outbound email (repeatable; default: the thread's last client sender)
        #[arg(long)]
        to: Vec<String>,
    },
    /// Add an internal note to a request
    Note {
        id: i64,
        #[arg(long)]
        body: String,
    },
}
