//! A private Dovecot IMAP server on a free loopback port, for the mailbox tests: one user
//! `desk` whose Maildir lives in the test's folder. Stopped when dropped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Dovecot {
    child: Child,
    pub port: u16,
    pub password: &'static str,
    folder: PathBuf,
    tls: bool,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Dovecot {
    pub fn start(folder: &Path) -> Dovecot {
        Self::start_with(folder, None)
    }

    /// Dovecot that speaks only IMAP over TLS (imaps), with this certificate and key.
    pub fn start_tls(folder: &Path, cert: &Path, key: &Path) -> Dovecot {
        Self::start_with(folder, Some((cert, key)))
    }

    fn start_with(folder: &Path, tls: Option<(&Path, &Path)>) -> Dovecot {
        let folder = folder.join("dovecot");
        for sub in ["run", "state", "home"] {
            std::fs::create_dir_all(folder.join(sub)).unwrap();
        }
        // Mail is delivered as `nobody`: Dovecot refuses to run a mail user as root.
        Command::new("chown")
            .args(["nobody:nogroup"])
            .arg(folder.join("home"))
            .status()
            .unwrap();
        let password = "imap-secret-pw";
        std::fs::write(
            folder.join("passwd"),
            format!("desk:{{PLAIN}}{password}::::::\n"),
        )
        .unwrap();
        let port = free_port();
        let (plain, secure, ssl) = match tls {
            None => (port, 0, "ssl = no\n".to_owned()),
            Some((cert, key)) => (
                0,
                port,
                format!(
                    "ssl = required\nssl_cert = <{}\nssl_key = <{}\n",
                    cert.display(),
                    key.display()
                ),
            ),
        };
        let f = folder.display();
        let config = format!(
            "protocols = imap\nlisten = 127.0.0.1\nbase_dir = {f}/run\nstate_dir = {f}/state\n\
             log_path = {f}/dovecot.log\ndisable_plaintext_auth = no\nauth_mechanisms = plain login\n\
             mail_location = maildir:{f}/home/%u/Maildir\n\
             passdb {{\n  driver = passwd-file\n  args = {f}/passwd\n}}\n\
             userdb {{\n  driver = static\n  args = uid=nobody gid=nogroup home={f}/home/%u\n}}\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {plain}\n  }}\n  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {secure}\n    ssl = yes\n  }}\n}}\n{ssl}\
             service pop3-login {{\n  inet_listener pop3 {{\n    port = 0\n  }}\n}}\nservice anvil {{\n  chroot =\n}}\n"
        );
        std::fs::write(folder.join("dovecot.conf"), config).unwrap();
        let mut child = Command::new("dovecot")
            .arg("-F")
            .arg("-c")
            .arg(folder.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dovecot runs (apt-get install dovecot-imapd)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Dovecot {
                    child,
                    port,
                    password,
                    folder,
                    tls: tls.is_some(),
                };
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "dovecot did not listen on {port}: {}",
            std::fs::read_to_string(folder.join("dovecot.log")).unwrap_or_default()
        );
    }

    /// Runs a few lines of Python with `imap` logged in to the desk's INBOX.
    fn python(&self, body: &str) -> String {
        // The test's own client trusts the test certificate without checking it.
        let open = match self.tls {
            true => "import ssl\nimap = imaplib.IMAP4_SSL('127.0.0.1', {port}, ssl_context=ssl._create_unverified_context())",
            false => "imap = imaplib.IMAP4('127.0.0.1', {port})",
        }
        .replace("{port}", &self.port.to_string());
        let script = format!(
            "import imaplib, sys\n{open}\nimap.login('desk', '{}')\nimap.select('INBOX')\n{body}\nimap.logout()\n",
            self.password
        );
        let output = Command::new("python3")
            .arg("-c")
            .arg(script)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Appends messages to the INBOX over IMAP, as a mail server delivering them would.
    pub fn append(&self, messages: &[String]) {
        let dir = self.folder.join("to-append");
        std::fs::create_dir_all(&dir).unwrap();
        for (n, message) in messages.iter().enumerate() {
            std::fs::write(
                dir.join(format!("{n:05}.eml")),
                message.replace('\n', "\r\n"),
            )
            .unwrap();
        }
        self.python(&format!(
            "import os\nfor name in sorted(os.listdir('{d}')):\n    imap.append('INBOX', None, None, open(os.path.join('{d}', name), 'rb').read())\n    os.remove(os.path.join('{d}', name))",
            d = dir.display()
        ));
    }

    /// How many messages of the INBOX are flagged \Seen, and how many there are.
    pub fn seen(&self) -> (usize, usize) {
        let out = self.python("typ, data = imap.uid('FETCH', '1:*', '(FLAGS)')\nprint(sum(1 for d in data if d and b'\\\\Seen' in d), len([d for d in data if d]))");
        let numbers: Vec<usize> = out.split_whitespace().map(|n| n.parse().unwrap()).collect();
        (numbers[0], numbers[1])
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
