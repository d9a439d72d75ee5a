//! The `roles-lint` binary: flags in, report out, exit code 0 (clean), 1 (errors found)
//! or 2 (the run could not be done).

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{Cli, Color, Format};
use roles_lint::discover::CONFIG_FILE;
use roles_lint::{output, rules, Error, Options};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            let report = miette::Report::new(error);
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, Error> {
    if cli.list_rules {
        print(&list_rules());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(id) = &cli.explain {
        let meta = rules::known(id).ok_or_else(|| Error::UnknownRule { id: id.clone() })?;
        print(meta.doc);
        return Ok(ExitCode::SUCCESS);
    }
    if cli.settings.init {
        roles_lint::config::init(std::path::Path::new("."))?;
        eprintln!("Wrote {}: a commented starter configuration.", CONFIG_FILE);
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options {
        paths: cli.paths.clone(),
        config: cli.settings.config.clone(),
        select: cli.settings.select.clone(),
        ignore: cli.settings.ignore.clone(),
        baseline: cli.settings.baseline.clone(),
        ..Options::default()
    };
    let report = roles_lint::run(&options)?;
    if let Some(path) = &cli.settings.write_baseline {
        let baseline = roles_lint::baseline::Baseline::of(&report.diagnostics);
        baseline.write(path)?;
        eprintln!(
            "Wrote {} findings to the baseline {}.",
            baseline.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let started = Instant::now();
    let mut text = match cli.format {
        Format::Human => output::human::render(&report, use_color(cli.color)),
        Format::Concise => output::concise::render(&report),
        Format::Json => output::json::render(&report),
        Format::Github => output::github::render(&report),
        Format::Sarif => output::sarif::render(&report),
    };
    if !matches!(cli.format, Format::Json | Format::Sarif) && !cli.quiet {
        if cli.format == Format::Human && !report.diagnostics.is_empty() {
            text.push('\n');
        }
        text.push_str(&output::summary_line(&report));
        text.push('\n');
    }
    print(&text);
    if cli.timings {
        let mut timings = report.timings.clone();
        timings.push(("report", started.elapsed()));
        let total: f64 = timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
        for (phase, duration) in &timings {
            eprintln!("{phase:>9}: {:8.3} ms", duration.as_secs_f64() * 1000.0);
        }
        eprintln!("{:>9}: {:8.3} ms", "total", total * 1000.0);
    }
    Ok(if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn list_rules() -> String {
    let mut out = String::new();
    for meta in rules::known_metas() {
        out.push_str(&format!(
            "{:<24} {:<8} fix: {:<10} {}\n",
            meta.id,
            meta.severity.as_str(),
            meta.fix.as_str(),
            meta.summary
        ));
    }
    out
}

/// Colour when asked, or in `auto` when stdout is a terminal and NO_COLOR is unset.
fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Writes to stdout; a closed pipe (`roles-lint | head`) is not an error worth a panic.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}
