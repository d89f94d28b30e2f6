//! Where onboardings stand, as a terminal table, Markdown or JSON (`nkrr-onboard status`).

use std::fmt::Write as _;

use serde::Serialize;

use super::Progress;

/// One onboarding file as `status` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// The file, as given or found.
    pub file: String,
    /// Error-level findings in the file; `nkrr-onboard validate` shows them.
    pub errors: usize,
    /// Where it stands; absent when the file does not have the format's shape.
    #[serde(flatten)]
    pub progress: Option<Progress>,
}

/// The JSON document: `{"onboardings": [...]}`.
pub fn json(listed: &[Listed]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        onboardings: &'a [Listed],
    }
    let mut s = serde_json::to_string_pretty(&Doc {
        onboardings: listed,
    })
    .expect("serialises");
    s.push('\n');
    s
}

const HEADER: [&str; 6] = ["HSA-id", "vårdgivare", "env", "phase", "done", "next step"];

fn rows(listed: &[Listed]) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for l in listed {
        let Some(p) = &l.progress else { continue };
        for (i, e) in p.environments.iter().enumerate() {
            let first = i == 0;
            rows.push([
                if first {
                    p.hsa_id.clone()
                } else {
                    String::new()
                },
                if first { p.name.clone() } else { String::new() },
                e.env.label().to_owned(),
                e.phase.label().to_owned(),
                format!("{}/{}", e.done_count(), e.steps.len()),
                e.next_action.clone().unwrap_or_else(|| "–".into()),
            ]);
        }
    }
    rows
}

/// A table with aligned columns, one row per vårdgivare and environment, and with `steps` each
/// environment's checklist below it.
pub fn text(listed: &[Listed], steps: bool) -> String {
    let rows = rows(listed);
    let mut width = HEADER.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(width).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                let pad = w - cell.chars().count();
                let _ = write!(s, "{cell}{:pad$}  ", "");
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(&HEADER.map(str::to_owned));
    for r in &rows {
        out.push_str(&line(r));
    }
    if steps {
        for l in listed {
            let Some(p) = &l.progress else { continue };
            let _ = write!(out, "\n{} ({})\n", p.name, p.hsa_id);
            for e in &p.environments {
                let _ = writeln!(out, "  {}: {}", e.env.label(), e.phase);
                for s in &e.steps {
                    let mark = if s.done { "[x]" } else { "[ ]" };
                    let _ = writeln!(out, "    {mark} {}{}", s.label, suffix(s));
                }
            }
        }
    }
    out.push_str(&notes(listed));
    out
}

/// A summary table and, per vårdgivare, each environment's checklist as task lists.
pub fn markdown(listed: &[Listed]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", HEADER.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(HEADER.len()));
    for r in rows(listed) {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    for l in listed {
        let Some(p) = &l.progress else { continue };
        let _ = write!(out, "\n## {} ({})\n", md_cell(&p.name), p.hsa_id);
        for e in &p.environments {
            let _ = write!(out, "\n**{}**: {}", e.env.label(), e.phase);
            if let Some(next) = &e.next_action {
                let _ = write!(out, "; next: {}", md_cell(next));
            }
            out.push_str("\n\n");
            for s in &e.steps {
                let mark = if s.done { "[x]" } else { "[ ]" };
                let _ = writeln!(out, "- {mark} {}{}", s.label, suffix(s));
            }
        }
    }
    let notes = notes(listed);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

/// ` (3.3, 2026-03-05)`: the checklist section and, for a done step, its date.
fn suffix(s: &super::StepStatus) -> String {
    match &s.date {
        Some(d) if s.done => format!(" ({}, {d})", s.section),
        _ => format!(" ({})", s.section),
    }
}

fn notes(listed: &[Listed]) -> String {
    let mut out = String::new();
    for l in listed.iter().filter(|l| l.errors > 0) {
        let what = if l.errors == 1 { "error" } else { "errors" };
        let shown = if l.progress.is_some() {
            "shown as far as it can be read"
        } else {
            "not shown: it does not have the format's shape"
        };
        let _ = writeln!(
            out,
            "note: {} has {} {what} ({shown}); `nkrr-onboard validate {}` lists them",
            l.file, l.errors, l.file
        );
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
