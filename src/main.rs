//! The `roles-lint` binary: flags in, report out, exit code 0 (clean), 1 (errors found)
//! or 2 (the run could not be done).

mod cli;
mod sink;

use std::collections::HashSet;
use std::io::Read;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{Cli, Color, Format};
use roles_lint::config::CONFIG_FILE;
use roles_lint::{output, rules, Error, Options};
use sink::{print, Sink};

fn main() -> ExitCode {
    // `roles-lint server` is the language server; a folder named `server` is `./server`.
    // Editors' generic clients often add `--stdio`, the only transport: it is accepted.
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == "server") && args.all(|a| a == "--stdio") {
        return match roles_lint::server::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("roles-lint server: {error}");
                ExitCode::from(2)
            }
        };
    }
    let cli = Cli::parse();
    // An interrupted --fix leaves no temporary file behind; the pages are as they were or
    // fixed, never half written (the rename is atomic).
    let _ = ctrlc::set_handler(|| {
        roles_lint::write::remove_temporary_files();
        std::process::exit(130);
    });
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            let report = miette::Report::new(error);
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

/// Picks the mode the flags ask for; each mode is one function.
fn run(cli: &Cli) -> Result<ExitCode, Error> {
    if cli.list_rules {
        return list_rules_command(cli.format);
    }
    if let Some(id) = &cli.explain {
        return explain_command(id);
    }
    if cli.settings.init {
        return init_command();
    }
    let options = options_of(cli)?;
    if let Some(path) = &cli.settings.write_baseline {
        return write_baseline_command(&options, path);
    }
    let only = fix_only(cli)?;
    if cli.fix && cli.stdin_filename.is_some() {
        if let Some(path) = &cli.output_file {
            return Err(Error::ReportUnwritable {
                path: path.clone(),
                reason: "--fix --stdin-filename prints the fixed page, not a report".to_string(),
            });
        }
        return format_stdin_command(options, only.as_ref());
    }
    let mut sink = Sink::open(cli.output_file.as_deref())?;
    let code = if cli.diff {
        diff_command(cli, &options, only.as_ref(), &mut sink)?
    } else if cli.fix {
        fix_command(cli, &options, only.as_ref(), &mut sink)?
    } else {
        let report = roles_lint::run(&options)?;
        report_command(cli, &report, String::new(), &mut sink)?
    };
    sink.finish()?;
    if let Some(path) = &cli.output_file {
        if !cli.quiet {
            eprintln!("Wrote the report to {}.", path.display());
        }
    }
    Ok(code)
}

/// What to lint, from the flags (and standard input for `--stdin-filename`).
fn options_of(cli: &Cli) -> Result<Options, Error> {
    let mut options = Options {
        paths: cli.paths.clone(),
        config: cli.settings.config.clone(),
        select: cli.settings.select.clone(),
        ignore: cli.settings.ignore.clone(),
        baseline: cli.settings.baseline.clone(),
        ..Options::default()
    };
    if let Some(path) = &cli.stdin_filename {
        if cli.paths.iter().any(|p| p.as_os_str() != "-") {
            return Err(Error::StdinWithPaths);
        }
        if path.is_dir() {
            return Err(Error::Stdin {
                reason: format!(
                    "--stdin-filename names a folder, {}: give the path of the page read from standard input",
                    path.display()
                ),
            });
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Stdin {
                reason: e.to_string(),
            })?;
        // Standard input is judged as a page on disk would be.
        let text = roles_lint::load::text_of(bytes).map_err(|reason| Error::Stdin {
            reason: format!("the page {reason}"),
        })?;
        options.stdin = Some((path.clone(), text));
    }
    Ok(options)
}

/// `--list-rules`: text, or a JSON array with `--format json`.
fn list_rules_command(format: Format) -> Result<ExitCode, Error> {
    let text = match format {
        Format::Human | Format::Concise => output::catalogue::render_text(),
        Format::Json => output::catalogue::render_json(),
        // Neither is a list of rules: SARIF describes rules only beside results, and
        // workflow commands are annotations.
        Format::Github | Format::Sarif => return Err(Error::ListRulesFormat),
    };
    print(&text);
    Ok(ExitCode::SUCCESS)
}

/// `--explain RULE`.
fn explain_command(id: &str) -> Result<ExitCode, Error> {
    let meta = rules::known(id).ok_or_else(|| Error::unknown_rule(id, known_ids()))?;
    print(meta.doc);
    Ok(ExitCode::SUCCESS)
}

/// `--init`.
fn init_command() -> Result<ExitCode, Error> {
    roles_lint::config::init(
        std::path::Path::new("."),
        &roles_lint::selection::starter_lines(),
    )?;
    eprintln!("Wrote {}: a commented starter configuration.", CONFIG_FILE);
    Ok(ExitCode::SUCCESS)
}

/// `--write-baseline FILE`.
fn write_baseline_command(options: &Options, path: &std::path::Path) -> Result<ExitCode, Error> {
    let report = roles_lint::run(options)?;
    let baseline = roles_lint::baseline::Baseline::of(&report.diagnostics);
    baseline.write(path)?;
    eprintln!(
        "Wrote {} findings to the baseline {}.",
        baseline.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `--diff`: the fixes as a unified diff; nothing is written.
fn diff_command(
    cli: &Cli,
    options: &Options,
    only: Option<&HashSet<String>>,
    sink: &mut Sink,
) -> Result<ExitCode, Error> {
    let outcome = roles_lint::fix::fix_handbook(options, only)?;
    let started = Instant::now();
    let prefix = output::paths::cwd_prefix(&outcome.report.root);
    sink.write(&output::diff::render(&outcome.changes, &prefix))?;
    print_timings(cli, &outcome.report, started);
    Ok(exit_code(!outcome.changes.is_empty()))
}

/// `--fix --stdin-filename PATH -`: the fixed page on stdout, for editors, and what
/// remains on stderr. It succeeds whenever the page was produced: editors take a
/// formatter's non-zero exit as a failed format and drop its output, so findings that no
/// fix removes must not fail it. Failures (exit 2) come back as errors.
fn format_stdin_command(
    mut options: Options,
    only: Option<&HashSet<String>>,
) -> Result<ExitCode, Error> {
    let outcome = roles_lint::fix::fix_handbook(&options, only)?;
    let fixed = outcome.changes.values().next().map(|c| c.fixed.clone());
    let text = fixed.unwrap_or_else(|| options.stdin.take().map(|(_, t)| t).unwrap_or_default());
    print(&text);
    let report = &outcome.report;
    let prefix = output::paths::cwd_prefix(&report.root);
    eprint!("{}", output::concise::render_with_prefix(report, &prefix));
    Ok(ExitCode::SUCCESS)
}

/// `--fix`: fixes written, then what remains reported.
fn fix_command(
    cli: &Cli,
    options: &Options,
    only: Option<&HashSet<String>>,
    sink: &mut Sink,
) -> Result<ExitCode, Error> {
    let mut outcome = roles_lint::fix::fix_handbook(options, only)?;
    let writing = Instant::now();
    let failures = roles_lint::write::write_changes(&outcome.report.root, &outcome.changes);
    outcome.report.timings.push(("write", writing.elapsed()));
    let fixed_line = fixed_line(&outcome, &failures);
    let mut prefix = String::new();
    // The contract formats keep stdout (or the report file) to themselves: a line before
    // the JSON or SARIF document would make it unreadable.
    if outcome.applied == 0 {
        // Nothing to say.
    } else if matches!(cli.format, Format::Json | Format::Sarif) {
        eprint!("{fixed_line}");
    } else if !cli.quiet {
        prefix = fixed_line;
    }
    // What remains is what is on disk now: the last pass linted exactly the texts that
    // were written, so its report stands, unless a page could not be written; then the
    // handbook is linted again as it is on disk.
    let mut report = if failures.is_empty() {
        outcome.report
    } else {
        roles_lint::run(options)?
    };
    report.diagnostics.extend(failures);
    report
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report_command(cli, &report, prefix, sink)
}

/// What `--fix` did, counting only the fixes of pages that were written: "Fixed 4
/// problems in 1 file.", and the pages that could not be written (`failures`, whose
/// io-error findings say why).
fn fixed_line(
    outcome: &roles_lint::fix::FixOutcome,
    failures: &[roles_lint::diagnostic::Diagnostic],
) -> String {
    let failed: HashSet<&str> = failures.iter().map(|d| d.path.as_str()).collect();
    let written: Vec<&roles_lint::fix::Change> = outcome
        .changes
        .iter()
        .filter(|(path, _)| !failed.contains(path.as_str()))
        .map(|(_, change)| change)
        .collect();
    let applied: usize = written.iter().map(|change| change.applied).sum();
    let mut line = format!(
        "Fixed {} in {}",
        output::plural(applied, "problem"),
        output::plural(written.len(), "file")
    );
    if !failures.is_empty() {
        let prefix = output::paths::cwd_prefix(&outcome.report.root);
        let mut pages: Vec<String> = failed.iter().map(|p| format!("{prefix}{p}")).collect();
        pages.sort();
        line.push_str(&format!("; could not write {}", pages.join(", ")));
    }
    line.push_str(".\n");
    line
}

/// Writes a report in the chosen format, after `prefix`; the exit code says whether an
/// error remains.
fn report_command(
    cli: &Cli,
    report: &roles_lint::Report,
    prefix: String,
    sink: &mut Sink,
) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let mut text = prefix;
    // Paths a terminal and an editor open from where roles-lint ran.
    let paths = output::paths::cwd_prefix(&report.root);
    if cli.format == Format::Human {
        // Frame by frame: a report of many findings is never held whole.
        sink.write(&text)?;
        text.clear();
        let color = use_color(cli.color, sink.is_terminal());
        let mut failed = None;
        output::human::for_each_frame(report, color, &paths, |frame| {
            if failed.is_none() {
                failed = sink.write(frame).err();
            }
        });
        if let Some(error) = failed {
            return Err(error);
        }
    }
    if cli.format == Format::Json {
        // As it is serialised: a report of many findings is never held whole.
        sink.write(&text)?;
        text.clear();
        let root = paths.trim_end_matches('/');
        let root = Some(if root.is_empty() { "." } else { root });
        let mut writer = sink.writer();
        let written = output::json::write_with_root(report, root, &mut writer);
        // The writer fails only once the sink has, and `finish` returns that error.
        writer.finish()?;
        debug_assert!(written.is_ok(), "serialising plain structs cannot fail");
    }
    text.push_str(&match cli.format {
        Format::Human | Format::Json => String::new(),
        Format::Concise => output::concise::render_with_prefix(report, &paths),
        Format::Github => output::github::render(report),
        Format::Sarif => output::sarif::render(report),
    });
    if !matches!(cli.format, Format::Json | Format::Sarif) && !cli.quiet {
        if cli.format == Format::Human && !report.diagnostics.is_empty() {
            text.push('\n');
        }
        text.push_str(&output::summary_line(report));
        text.push('\n');
    }
    sink.write(&text)?;
    print_timings(cli, report, started);
    Ok(exit_code(report.has_errors()))
}

/// Every id `--explain` knows.
fn known_ids() -> impl Iterator<Item = &'static str> {
    rules::known_metas().map(|meta| meta.id)
}

/// The rule ids of `--fix-only`, checked against the registry.
fn fix_only(cli: &Cli) -> Result<Option<HashSet<String>>, Error> {
    if cli.fix_only.is_empty() {
        return Ok(None);
    }
    for id in &cli.fix_only {
        if rules::meta(id).is_none() {
            return Err(Error::unknown_rule(
                id,
                rules::all().iter().map(|r| r.meta().id),
            ));
        }
    }
    Ok(Some(cli.fix_only.iter().cloned().collect()))
}

fn print_timings(cli: &Cli, report: &roles_lint::Report, started: Instant) {
    if !cli.timings {
        return;
    }
    let mut timings = report.timings.clone();
    timings.push(("report", started.elapsed()));
    let total: f64 = timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
    let width = timings
        .iter()
        .map(|(phase, _)| phase.len())
        .max()
        .unwrap_or(0);
    for (phase, duration) in &timings {
        eprintln!(
            "{phase:>width$}: {:8.3} ms",
            duration.as_secs_f64() * 1000.0
        );
    }
    eprintln!("{:>width$}: {:8.3} ms", "total", total * 1000.0);
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Colour when asked, or in `auto` when the report goes to a terminal and NO_COLOR is
/// unset.
fn use_color(color: Color, terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}
