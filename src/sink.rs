//! Where the binary's report goes: standard output, or the file of `--output-file`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use roles_lint::report_file::ReportFile;
use roles_lint::Error;

pub enum Sink {
    Stdout,
    File(ReportFile),
}

impl Sink {
    /// Standard output, or `path` made ready before the run so that a report that could
    /// not be written fails the run before the lint, not after it.
    pub fn open(path: Option<&Path>) -> Result<Sink, Error> {
        match path {
            None => Ok(Sink::Stdout),
            Some(path) => ReportFile::create(path).map(Sink::File),
        }
    }

    pub fn write(&mut self, text: &str) -> Result<(), Error> {
        match self {
            Sink::Stdout => {
                print(text);
                Ok(())
            }
            Sink::File(file) => file.write(text),
        }
    }

    /// Completes the report: a file holds all of it once this returns `Ok`.
    pub fn finish(self) -> Result<(), Error> {
        match self {
            Sink::Stdout => Ok(()),
            Sink::File(file) => file.finish(),
        }
    }

    /// An `io::Write` into this sink, for a report written as it is serialised; call
    /// `SinkWriter::finish` to write its last bytes and learn whether all went out.
    pub fn writer(&mut self) -> SinkWriter<'_> {
        SinkWriter {
            sink: self,
            pending: Vec::new(),
            failed: None,
        }
    }

    /// True when the report is read on a terminal (`--color auto` colours it then).
    pub fn is_terminal(&self) -> bool {
        matches!(self, Sink::Stdout) && std::io::stdout().is_terminal()
    }
}

/// Writes to stdout; a closed pipe (`roles-lint | head`) is not an error worth a panic.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Gathers bytes and hands them to a `Sink` as text, `CHUNK_BYTES` at a time.
pub struct SinkWriter<'s> {
    sink: &'s mut Sink,
    pending: Vec<u8>,
    /// The sink's first error: the writer then refuses every later write.
    failed: Option<Error>,
}

/// Bytes gathered before they are written.
const CHUNK_BYTES: usize = 64 * 1024;

impl SinkWriter<'_> {
    /// Writes what is left; the first error of the whole report, if any.
    pub fn finish(mut self) -> Result<(), Error> {
        self.write_pending();
        self.failed.map_or(Ok(()), Err)
    }

    /// Writes the pending bytes up to the last whole character.
    fn write_pending(&mut self) {
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(error) => error.valid_up_to(),
        };
        if whole == 0 || self.failed.is_some() {
            return;
        }
        let text = std::str::from_utf8(&self.pending[..whole]).expect("checked above");
        if let Err(error) = self.sink.write(text) {
            self.failed = Some(error);
        }
        self.pending.drain(..whole);
    }
}

impl Write for SinkWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_some() {
            return Err(std::io::Error::other("the report could not be written"));
        }
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= CHUNK_BYTES {
            self.write_pending();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_written_in_pieces_arrives_whole_even_split_inside_characters() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("report.json");
        let report: String = (0..40_000).map(|i| format!("{i}: é → ✓ 🦀\n")).collect();
        let mut sink = Sink::open(Some(&path)).unwrap();
        let mut writer = sink.writer();
        // Seven bytes at a time cuts most multi-byte characters in two.
        for piece in report.as_bytes().chunks(7) {
            writer.write_all(piece).unwrap();
        }
        writer.finish().unwrap();
        sink.finish().unwrap();
        assert!(report.len() > 4 * CHUNK_BYTES);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), report);
    }
}
