//! Code frames with miette: the rule id as the code, a label on the exact span, help.

use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report as MietteReport, SourceCode, SourceSpan, SpanContents,
};

use super::window;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::facts::invisible::{escaped, invisible_chars};
use crate::source::Source;
use crate::Report;

/// Renders every finding as a code frame, followed by nothing else: the summary line is
/// the caller's. Paths are from the handbook root.
pub fn render(report: &Report, color: bool) -> String {
    let mut out = String::new();
    for_each_frame(report, color, "", |frame| out.push_str(frame));
    out
}

/// Hands each finding's frame to `emit` as soon as it is drawn (frames after the first
/// begin with an empty line), so that a large report is never held whole in memory.
/// `prefix` (empty, or ending in `/`; see `output::paths`) goes before each path.
pub fn for_each_frame(report: &Report, color: bool, prefix: &str, mut emit: impl FnMut(&str)) {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Links off: miette would print OSC-8 escapes even without colour.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut frame = String::new();
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        frame.clear();
        if index > 0 {
            frame.push('\n');
        }
        let source = report.sources.get(&diagnostic.path).cloned();
        let rendered = to_miette(diagnostic, source, prefix);
        if handler
            .render_report(&mut frame, rendered.as_ref())
            .is_err()
        {
            // A frame that cannot be drawn still deserves its line.
            frame.push_str(&format!(
                "{prefix}{}:{}:{}: {} {}\n",
                diagnostic.path,
                diagnostic.span.start.line,
                diagnostic.span.start.column,
                diagnostic.rule,
                escaped(&diagnostic.message)
            ));
        }
        emit(&frame);
    }
}

fn to_miette(d: &Diagnostic, source: Option<Arc<Source>>, prefix: &str) -> MietteReport {
    let mut report = MietteDiagnostic::new(escaped(&d.message).into_owned())
        .with_code(d.rule)
        .with_severity(match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    let mut help = d.help.as_deref().map(|h| escaped(h).into_owned());
    if let Some(fix) = &d.fix {
        let line = format!("fix available: {}", escaped(&fix.description));
        help = Some(match help {
            Some(help) => format!("{help}\n{line}"),
            None => line,
        });
    }
    if let Some(help) = help {
        report = report.with_help(help);
    }
    let Some(source) = source else {
        return MietteReport::new(report);
    };
    let mut ranges = vec![d.range.clone()];
    ranges.extend(d.related.iter().map(|r| r.range.clone()));
    let windowed = window::needs_window(&source, &ranges).then(|| window::window(&source, &ranges));
    let shown = |i: usize| windowed.as_ref().map_or(&ranges[i], |w| &w.ranges[i]);
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(d.label.clone()).filter(|l| !l.is_empty()),
        span_of(shown(0)),
    )];
    labels.extend(
        d.related
            .iter()
            .enumerate()
            .map(|(i, r)| LabeledSpan::new_with_span(Some(r.label.clone()), span_of(shown(i + 1)))),
    );
    report = report.with_labels(labels);
    match windowed {
        Some(window) => MietteReport::new(report).with_source_code(WindowCode {
            name: format!("{prefix}{}", d.path),
            text: shown_text(&window.text).unwrap_or(window.text),
            first_line: window.first_line,
            header: (d.span.start.line, d.span.start.column),
        }),
        None => MietteReport::new(report).with_source_code(PageCode {
            name: format!("{prefix}{}", d.path),
            shown: shown_text(source.text()),
            source,
        }),
    }
}

/// A frame's lines cut to windows (see `output::window`): miette draws the whole text,
/// numbered from the first line, under a header with the finding's true position.
struct WindowCode {
    name: String,
    text: String,
    /// The original number (1-based) of the text's first line.
    first_line: usize,
    /// The finding's line and column (1-based, characters) in the page.
    header: (usize, usize),
}

impl SourceCode for WindowCode {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let lines = self.text.lines().count();
        if context_lines_before == 0 {
            // miette reads the primary label alone for the frame's header.
            let (line, column) = self.header;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[span.offset()..span.offset() + span.len()],
                *span,
                line - 1,
                column - 1,
                1,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.first_line - 1,
            0,
            lines,
        )))
    }
}

fn span_of(range: &std::ops::Range<usize>) -> SourceSpan {
    (range.start, range.end.saturating_sub(range.start)).into()
}

/// A page as miette reads it. miette's own `String` source counts the header's column in
/// bytes and rescans the page from the start for every frame; this one uses the page's
/// line index and counts columns in characters, as every other output does.
struct PageCode {
    name: String,
    source: Arc<Source>,
    /// The text to show, when it differs from the page's (see `shown_text`).
    shown: Option<String>,
}

/// The page text with every invisible character that `invisible-char` reports made
/// visible, byte for byte, so that spans still fit: `◌` (3 bytes) for the zero-width and
/// bidirectional controls, `¬` (2 bytes) for the soft hyphen. Printed as they are, they
/// would hide in the frame, and a right-to-left override would reorder the terminal line.
/// `None` when there is none.
fn shown_text(text: &str) -> Option<String> {
    let found = invisible_chars(text);
    if found.is_empty() {
        return None;
    }
    let mut shown = text.to_string();
    for invisible in found.iter().rev() {
        let marker = match invisible.range.len() {
            4 => "𐄂",
            3 => "◌",
            2 if invisible.char == '\u{00AD}' => "¬",
            2 => "◦",
            _ => continue,
        };
        shown.replace_range(invisible.range.clone(), marker);
    }
    Some(shown)
}

impl SourceCode for PageCode {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let source = &self.source;
        let text = self.shown.as_deref().unwrap_or(source.text());
        if span.offset() + span.len() > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = source.line_of(span.offset());
        let last_byte = (span.offset() + span.len())
            .saturating_sub(1)
            .max(span.offset());
        let last = source.line_of(last_byte);
        let from_line = first.saturating_sub(context_lines_before).max(1);
        let to_line = (last + context_lines_after).min(source.line_count());
        // Without context miette expects the contents to begin at the span itself.
        let start = if context_lines_before == 0 {
            span.offset()
        } else {
            source.line_start(from_line)
        };
        let end = if to_line >= source.line_count() {
            text.len()
        } else {
            source.line_start(to_line + 1)
        };
        let column = if context_lines_before == 0 {
            source.position(span.offset()).column - 1
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[start..end],
            (start, end - start).into(),
            from_line - 1,
            column,
            to_line - from_line + 1,
        )))
    }
}
