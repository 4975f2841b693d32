//! Writing to stdout without panicking when the reader has gone away.

use std::io::{self, Write};

use crate::UsageError;

/// Writes `text` and a newline to standard output.
///
/// A closed pipe (`hooksign providers | head -1`) is not an error: the reader got what it
/// wanted. Any other write failure is reported (exit 2), since the output was lost.
pub fn line(text: &str) -> Result<(), UsageError> {
    let mut out = io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(UsageError::new(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}
