//! Renders findings in each output format: `human` (rustc-style snippets), `concise`
//! (`path:line:col: severity[code]: message`), `json`, and `github` (workflow commands that
//! GitHub Actions turns into annotations on the lines).

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use clap::ValueEnum;
use serde::Serialize;

use super::{Diagnostic, Severity};

/// The output formats of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Snippets of the file with a caret under each finding, like rustc.
    Human,
    /// One line per finding: `path:line:col: severity[code]: message`.
    Concise,
    /// A JSON document with every finding and a summary.
    Json,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    Github,
}

/// The text of every file findings may point into, by the path findings name.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    texts: HashMap<String, Arc<str>>,
}

impl SourceMap {
    pub fn insert(&mut self, path: impl Into<String>, text: Arc<str>) {
        self.texts.insert(path.into(), text);
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(|t| &**t)
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(files: usize, diags: &[Diagnostic]) -> Summary {
        let mut with_errors: Vec<&str> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.path.as_str())
            .collect();
        with_errors.sort_unstable();
        with_errors.dedup();
        Summary {
            files,
            files_with_errors: with_errors.len(),
            errors: diags.iter().filter(|d| d.is_error()).count(),
            warnings: diags.iter().filter(|d| !d.is_error()).count(),
        }
    }
}

/// Options of the human format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

/// Writes `diags` (already sorted) in `format`.
pub fn render(
    out: &mut dyn Write,
    format: Format,
    diags: &[Diagnostic],
    sources: &SourceMap,
    summary: Summary,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Human => human(out, diags, sources, summary, style),
        Format::Concise => {
            for d in diags {
                writeln!(out, "{}", concise_line(d))?;
            }
            Ok(())
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                findings: &'a [Diagnostic],
                summary: Summary,
            }
            serde_json::to_writer_pretty(
                &mut *out,
                &Report {
                    findings: diags,
                    summary,
                },
            )?;
            writeln!(out)
        }
        Format::Github => {
            for d in diags {
                writeln!(out, "{}", github_line(d))?;
            }
            Ok(())
        }
    }
}

/// `path:line:col: severity[code]: message`.
pub fn concise_line(d: &Diagnostic) -> String {
    let (line, col) = d.span.map_or((1, 1), |s| (s.line, s.col));
    format!(
        "{}:{}:{}: {}[{}]: {}",
        d.path,
        line,
        col,
        d.severity.as_str(),
        d.code.name(),
        d.message
    )
}

/// A GitHub workflow command: `::error file=PATH,line=L,col=C,title=CODE::MESSAGE`.
pub fn github_line(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!("file={}", escape_property(&d.path));
    if let Some(s) = d.span {
        props.push_str(&format!(",line={},col={}", s.line, s.col));
    }
    props.push_str(&format!(",title={}", escape_property(d.code.name())));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{command} {props}::{}", escape_data(&message))
}

/// Escaping of a workflow command's message (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a workflow command's property value (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn human(
    out: &mut dyn Write,
    diags: &[Diagnostic],
    sources: &SourceMap,
    summary: Summary,
    style: Style,
) -> io::Result<()> {
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in diags {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(&d.message).id(d.code.name());
        let mut group: Group<'_> = match (d.span, sources.get(&d.path)) {
            (Some(span), Some(text)) => {
                let mut snippet = Snippet::source(text).path(&d.path).fold(true);
                let primary = AnnotationKind::Primary.span(caret_range(text, span.start, span.end));
                snippet = snippet.annotation(match &d.label {
                    Some(l) => primary.label(l.as_str()),
                    None => primary,
                });
                let mut group = title.element(snippet);
                for r in &d.related {
                    match sources.get(&r.path) {
                        Some(rt) => {
                            group = group.element(
                                Snippet::source(rt).path(&r.path).fold(true).annotation(
                                    AnnotationKind::Context
                                        .span(caret_range(rt, r.span.start, r.span.end))
                                        .label(r.message.as_str()),
                                ),
                            );
                        }
                        None => {
                            group = group.element(Level::NOTE.message(format!(
                                "{}:{}:{}: {}",
                                r.path, r.span.line, r.span.col, r.message
                            )));
                        }
                    }
                }
                group
            }
            (span, _) => {
                let mut origin = Origin::path(&d.path);
                if let Some(s) = span {
                    origin = origin.line(s.line as usize).char_column(s.col as usize);
                }
                title.element(origin)
            }
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    let Summary {
        files,
        files_with_errors,
        errors,
        warnings,
    } = summary;
    let files_word = plural(files, "file", "files");
    if errors == 0 && warnings == 0 {
        writeln!(out, "ok: {files} {files_word} checked, no findings")
    } else {
        writeln!(
            out,
            "{}: {errors} {} and {warnings} {} in {files} {files_word} ({files_with_errors} with errors)",
            if errors > 0 { "error" } else { "ok" },
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
        )
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// The byte range to underline: at least one character, never past the end of its line.
fn caret_range(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let start = start.min(text.len());
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let end = end.clamp(start, line_end);
    if end > start {
        return start..end;
    }
    // An empty span: underline the character at `start`, if the line has one.
    let next = text[start..line_end]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    start..start + next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::span::Span;

    fn finding() -> Diagnostic {
        Diagnostic::new(
            Code::InvalidUrl,
            "onboardings/a,b.yaml",
            Some(Span {
                line: 3,
                col: 8,
                start: 0,
                end: 0,
            }),
            "100% wrong\nreally",
        )
    }

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(
            github_line(&finding()),
            "::error file=onboardings/a%2Cb.yaml,line=3,col=8,title=invalid-url::100%25 wrong%0Areally"
        );
    }

    #[test]
    fn concise_has_path_line_col_severity_code() {
        assert_eq!(
            concise_line(&finding()),
            "onboardings/a,b.yaml:3:8: error[invalid-url]: 100% wrong\nreally"
        );
    }

    #[test]
    fn caret_covers_at_least_one_character_within_its_line() {
        assert_eq!(caret_range("ab\ncd", 1, 1), 1..2);
        assert_eq!(caret_range("ab\ncd", 0, 5), 0..2);
        assert_eq!(caret_range("ab", 2, 2), 2..2);
        assert_eq!(caret_range("å\n", 0, 0), 0..2);
    }
}
