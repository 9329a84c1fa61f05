//! The files mail arrives in: single messages (.eml), mbox files and Maildir folders,
//! read one message at a time: what is held is a folder's list of file names, not its mail.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{BufReader, Read};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// One raw message and where it came from (`file`, or `file#n` inside an mbox).
#[derive(Debug, Clone)]
pub struct MailFile {
    pub origin: String,
    pub bytes: Vec<u8>,
}

/// A path or message that could not be read at all.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct SourceError {
    pub origin: String,
    pub message: String,
}

impl SourceError {
    fn io(path: &Path, error: &std::io::Error) -> Self {
        Self {
            origin: path.display().to_string(),
            message: error.to_string(),
        }
    }
}

enum Source {
    /// One message per file.
    Folder(FileList),
    File(PathBuf),
    Mbox(PathBuf),
}

/// The message files of a folder, as paths relative to it in one buffer: the whole list
/// is held to read it in name order, and a file costs its name's bytes and two offsets
/// (38 bytes for `cur/00000001.bench:2,S`, against about 100 as a `PathBuf`).
struct FileList {
    root: PathBuf,
    /// The relative paths' bytes, back to back (a Unix path is any bytes but NUL).
    names: Vec<u8>,
    spans: Vec<(usize, usize)>,
    bytes: u64,
}

impl FileList {
    fn paths(self) -> impl Iterator<Item = PathBuf> {
        self.spans
            .into_iter()
            .map(move |(start, end)| self.root.join(OsStr::from_bytes(&self.names[start..end])))
    }
}

fn read_file(file: PathBuf) -> Result<MailFile, SourceError> {
    std::fs::read(&file)
        .map(|bytes| MailFile {
            origin: file.display().to_string(),
            bytes,
        })
        .map_err(|e| SourceError::io(&file, &e))
}

/// Every message under `paths`, in a stable order: a Maildir's `cur` and `new` by file
/// name, a folder's files by name, an mbox in its order. A path that is missing is an
/// error at once; a message that cannot be read later is one `Err` in the stream. The
/// stream may be handed to another thread.
pub fn read_sources(
    paths: &[PathBuf],
) -> Result<
    (
        u64,
        impl Iterator<Item = Result<MailFile, SourceError>> + Send + 'static,
    ),
    SourceError,
> {
    let mut sources = Vec::new();
    let mut total_bytes = 0;
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| SourceError::io(path, &e))?;
        if meta.is_dir() {
            let files = folder_files(path)?;
            total_bytes += files.bytes;
            sources.push(Source::Folder(files));
        } else {
            total_bytes += meta.len();
            sources.push(if is_mbox(path) {
                Source::Mbox(path.clone())
            } else {
                Source::File(path.clone())
            });
        }
    }
    let messages = sources
        .into_iter()
        .flat_map(|source| -> Box<dyn Iterator<Item = _> + Send> {
            match source {
                Source::Folder(files) => Box::new(files.paths().map(read_file)),
                Source::File(file) => Box::new(std::iter::once(read_file(file))),
                Source::Mbox(path) => match File::open(&path) {
                    Ok(file) => {
                        let origin = path.display().to_string();
                        Box::new(
                            mail_parser::mailbox::mbox::MessageIterator::new(BufReader::new(file))
                                .enumerate()
                                .map(move |(n, message)| {
                                    let origin = format!("{origin}#{}", n + 1);
                                    message
                                        .map(|m| MailFile {
                                            origin: origin.clone(),
                                            bytes: m.unwrap_contents(),
                                        })
                                        .map_err(|e| SourceError {
                                            origin,
                                            message: e.to_string(),
                                        })
                                }),
                        )
                    }
                    Err(error) => Box::new(std::iter::once(Err(SourceError::io(&path, &error)))),
                },
            }
        });
    Ok((total_bytes, messages))
}

/// The message files of a folder: a Maildir's `new` and `cur`, else every regular file
/// below it (hidden files and Maildir's `tmp` left out), sorted by path.
fn folder_files(root: &Path) -> Result<FileList, SourceError> {
    let mut list = FileList {
        root: root.to_path_buf(),
        names: Vec::new(),
        spans: Vec::new(),
        bytes: 0,
    };
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| SourceError::io(&folder, &e))? {
            let entry = entry.map_err(|e| SourceError::io(&folder, &e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "tmp" {
                continue;
            }
            let path = entry.path();
            let meta = entry.metadata().map_err(|e| SourceError::io(&path, &e))?;
            if meta.is_dir() {
                folders.push(path);
            } else if meta.is_file() {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let start = list.names.len();
                list.names
                    .extend_from_slice(relative.as_os_str().as_bytes());
                list.spans.push((start, list.names.len()));
                list.bytes += meta.len();
            }
        }
    }
    let names = &list.names;
    list.spans
        .sort_unstable_by(|a, b| names[a.0..a.1].cmp(&names[b.0..b.1]));
    Ok(list)
}

/// An mbox starts with a `From ` line; a single message starts with a header.
fn is_mbox(path: &Path) -> bool {
    let mut start = [0u8; 5];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| &start == b"From ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eml_mbox_and_maildir_are_read_in_order() {
        let dir = std::env::temp_dir().join(format!("rapport-sources-{}", std::process::id()));
        let maildir = dir.join("Maildir");
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).unwrap();
        }
        std::fs::write(maildir.join("cur/2.host:2,S"), "Subject: b\r\n\r\nb").unwrap();
        std::fs::write(maildir.join("new/1.host"), "Subject: a\r\n\r\na").unwrap();
        std::fs::write(maildir.join("tmp/3.host"), "Subject: partial").unwrap();
        std::fs::write(dir.join("one.eml"), "Subject: c\r\n\r\nc").unwrap();
        std::fs::write(
            dir.join("archive.mbox"),
            "From a@example.jp Mon Nov 30 10:00:00 2026\nSubject: d\n\nd\n>From here\n\nFrom b@example.jp Mon Nov 30 11:00:00 2026\nSubject: e\n\ne\n",
        )
        .unwrap();
        let paths = [
            maildir.clone(),
            dir.join("one.eml"),
            dir.join("archive.mbox"),
        ];
        let (total, messages) = read_sources(&paths).unwrap();
        assert!(total > 0);
        let got: Vec<MailFile> = messages.map(Result::unwrap).collect();
        let origins: Vec<String> = got
            .iter()
            .map(|m| m.origin.replace(&dir.display().to_string(), ""))
            .collect();
        assert_eq!(
            origins,
            [
                "/Maildir/cur/2.host:2,S",
                "/Maildir/new/1.host",
                "/one.eml",
                "/archive.mbox#1",
                "/archive.mbox#2"
            ]
        );
        assert!(String::from_utf8_lossy(&got[3].bytes).contains("\nFrom here"));
        assert!(read_sources(&[dir.join("missing")]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
