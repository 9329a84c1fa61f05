//! Attachments and raw messages kept as files named by their SHA-256 under the data
//! directory: the same bytes are stored once, and a file is whole or absent.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// A content-addressed folder: `<root>/ab/abcdef…` for the hash `abcdef…`.
#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
}

impl Blobs {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Where the blob of `sha256` lives; `None` for anything but 64 hex digits, so a
    /// hash from a request can never name a path outside the folder.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Stores `bytes` under their hash (written to a temporary file, then renamed, so a
    /// reader never sees half a file); a blob already there is left alone. Like the
    /// database's WAL with `synchronous = normal`, this survives a crash of the process;
    /// the operating system decides when it reaches the disk.
    pub fn put(&self, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(sha256).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a SHA-256")
        })?;
        if path.exists() {
            return Ok(());
        }
        let folder = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(folder)?;
        // Unique per call: the same attachment may be written by two tasks at once.
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temporary = folder.join(format!(".{sha256}.{}.{n}.tmp", std::process::id()));
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&temporary, &path)
    }

    /// The bytes stored under `sha256`.
    pub fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path(sha256)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "not a SHA-256"))?;
        std::fs::read(path)
    }
}

#[cfg(test)]
mod tests {
    use super::Blobs;
    use crate::sha256_hex;

    #[test]
    fn blobs_are_stored_once_by_hash() {
        let dir = std::env::temp_dir().join(format!("rapport-blobs-{}", std::process::id()));
        let blobs = Blobs::new(&dir);
        let hash = sha256_hex(b"estimate");
        blobs.put(&hash, b"estimate").unwrap();
        blobs.put(&hash, b"estimate").unwrap();
        assert_eq!(blobs.get(&hash).unwrap(), b"estimate");
        assert!(blobs.path("../../etc/passwd").is_none());
        assert!(blobs.get(&"0".repeat(64)).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
