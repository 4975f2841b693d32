//! Reading the body: exact bytes from a file or standard input, with a size cap.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::Path;

/// The largest body accepted, in bytes (16 MiB): far above any provider's delivery limit
/// (GitHub caps payloads at 25 MB but Stripe, Slack and Shopify stay well under 1 MB), small
/// enough that a wrong file or an endless pipe fails fast instead of filling memory.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Why the body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// More than [`MAX_BODY`] bytes.
    TooLarge,
    /// The file could not be opened or read; the message names it.
    Unreadable(String),
}

/// Reads the body from `path`, or from standard input when `path` is `-` or absent.
pub fn read(path: Option<&Path>) -> Result<Vec<u8>, BodyError> {
    match path {
        Some(path) if path != Path::new("-") => {
            let file = File::open(path).map_err(|e| unreadable(path, &e))?;
            read_capped(file).map_err(|e| e.or_path(path))
        }
        _ => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                // Otherwise the tool would just seem to hang.
                eprintln!("hooksign: reading the body from standard input (end it with Ctrl-D)");
            }
            read_capped(stdin.lock()).map_err(|e| e.or_path(Path::new("standard input")))
        }
    }
}

/// A read failure before we know which source it came from.
enum ReadError {
    /// More than [`MAX_BODY`] bytes.
    TooLarge,
    /// The read failed.
    Io(io::Error),
}

impl ReadError {
    /// Names the source in an I/O failure.
    fn or_path(self, path: &Path) -> BodyError {
        match self {
            ReadError::TooLarge => BodyError::TooLarge,
            ReadError::Io(e) => unreadable(path, &e),
        }
    }
}

/// The usage error for a source that could not be read, naming it.
fn unreadable(path: &Path, error: &io::Error) -> BodyError {
    BodyError::Unreadable(format!("cannot read {}: {error}", path.display()))
}

/// Reads at most one byte past the cap, so an oversized input is detected without reading it
/// all.
fn read_capped(reader: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    reader
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .map_err(ReadError::Io)?;
    if body.len() > MAX_BODY {
        return Err(ReadError::TooLarge);
    }
    Ok(body)
}
