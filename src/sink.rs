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
