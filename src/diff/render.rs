//! The review as Markdown (a pull-request comment or `$GITHUB_STEP_SUMMARY`) or JSON (the same
//! data; each TAK delta in TAK's JSON order format).
//!
//! Markdown stays within a length limit, by default GitHub's 65,536 characters for a comment:
//! whole sections are left out from the end, and the text says what was cut and where to find
//! it all. Every value taken from a file is escaped (Markdown and HTML) or shown as code, so a
//! name such as `<script>` or `| x |` cannot change the page.

use std::fmt::Write as _;

use super::changes::Words;
use super::orders::{EnvDelta, Menus};
use super::{Diff, FileStatus, OnboardingDiff};
use crate::diag::render::concise_line;
use crate::plan::tak::TakOrder;
use clap::ValueEnum;

/// GitHub's limit on a comment's body, in characters.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// The formats of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// GitHub-flavoured Markdown, for a pull-request comment or the job summary.
    Markdown,
    /// A JSON document with every change, order delta and finding.
    Json,
}

/// The review as pretty JSON with a final newline.
pub fn json(diff: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(diff).expect("a review serialises");
    s.push('\n');
    s
}

/// The review as Markdown of at most `limit` characters.
pub fn markdown(diff: &Diff, limit: usize) -> String {
    let head = header(diff);
    let mut sections: Vec<String> = diff.onboardings.iter().map(onboarding).collect();
    if !diff.findings.is_empty() {
        sections.push(findings(diff));
    }
    let total = sections.len();
    let mut out = head;
    let mut shown = 0;
    for s in &sections {
        let note = cut_note(total - shown, total);
        if chars(&out) + chars(s) + chars(&note) > limit {
            break;
        }
        out.push_str(s);
        shown += 1;
    }
    if shown < total {
        out.push_str(&cut_note(total - shown, total));
    }
    out
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn cut_note(left: usize, total: usize) -> String {
    format!(
        "\n---\n**Cut:** the last {left} of {total} sections are not shown, to stay within the {GITHUB_COMMENT_LIMIT}-character limit of a comment. Run `nkrr-onboard diff --format json` for the whole review.\n"
    )
}

fn header(diff: &Diff) -> String {
    let mut s = String::new();
    let head = match &diff.head.commit {
        Some(c) => format!("{} ({})", code(&diff.head.label), code(c)),
        None => diff.head.label.clone(),
    };
    let base = match &diff.base.commit {
        Some(c) => format!("{} ({})", code(&diff.base.label), code(c)),
        None => code(&diff.base.label),
    };
    let _ = writeln!(s, "## Onboarding review: {base} → {head}\n");
    let n = &diff.summary;
    let mut parts = Vec::new();
    for (count, word) in [
        (n.added, "added"),
        (n.removed, "removed"),
        (n.renamed, "renamed"),
        (n.modified, "modified"),
        (n.unreadable, "not readable"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {word}"));
        }
    }
    if parts.is_empty() {
        let _ = writeln!(s, "No vårdgivare changed.");
    } else {
        let changed = diff.onboardings.len();
        let _ = writeln!(
            s,
            "{changed} vårdgivare changed: {}; {} unchanged.",
            parts.join(", "),
            n.unchanged
        );
    }
    let findings = match (n.errors, n.warnings) {
        (0, 0) => "no findings".to_owned(),
        (e, w) => format!("{e} {}, {w} {}", plural(e, "error"), plural(w, "warning")),
    };
    let scope = if diff.revalidated_all {
        "in every onboarding"
    } else {
        "in the changed files"
    };
    let _ = writeln!(s, "Head: {findings} {scope}.");
    if diff.revalidated_all {
        let files: Vec<String> = diff.definitions_changed.iter().map(|f| code(f)).collect();
        let _ = writeln!(
            s,
            "\n> {} changed between base and head: every onboarding was revalidated.",
            files.join(" and ")
        );
    }
    s
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

fn onboarding(o: &OnboardingDiff) -> String {
    let mut s = String::new();
    let who = match (&o.name, &o.hsa_id) {
        (Some(n), Some(id)) => format!("{} ({})", text(n), code(id)),
        _ => o
            .head_file
            .as_deref()
            .or(o.base_file.as_deref())
            .map(code)
            .unwrap_or_default(),
    };
    let status = match o.status {
        FileStatus::Added => "added".to_owned(),
        FileStatus::Removed => "removed".to_owned(),
        FileStatus::Renamed => "renamed".to_owned(),
        FileStatus::Modified => "modified".to_owned(),
        FileStatus::Unreadable => "not readable".to_owned(),
    };
    let _ = writeln!(s, "\n### {who}: {status}\n");
    let file = match (o.status, &o.base_file, &o.head_file) {
        (FileStatus::Renamed, Some(b), Some(h)) => format!("{} → {}", code(b), code(h)),
        (_, _, Some(h)) => code(h),
        (_, Some(b), None) => code(b),
        _ => String::new(),
    };
    let _ = writeln!(s, "File: {file}\n");
    if o.status == FileStatus::Unreadable {
        let _ = writeln!(
            s,
            "The head file does not read as an onboarding (see the findings); nothing is compared or ordered for it."
        );
        return s;
    }
    if o.head_has_errors {
        let _ = writeln!(
            s,
            "The head file has errors (see the findings); no orders are computed for it until they are fixed.\n"
        );
    }
    if !o.changes.is_empty() {
        let _ = writeln!(s, "**Changes**\n");
        for c in &o.changes {
            let env = c
                .env()
                .map(|e| format!("{}: ", e.label()))
                .unwrap_or_default();
            let _ = writeln!(s, "- {env}{}", words(&c.describe()));
        }
        s.push('\n');
    }
    if !o.transitions.is_empty() {
        let _ = writeln!(s, "**Phase**\n");
        for t in &o.transitions {
            let from = t.from.map(|p| p.label()).unwrap_or("new");
            let arrow = if t.from == Some(t.to) {
                format!("still {}", t.to.label())
            } else {
                format!("{from} → {}", t.to.label())
            };
            let _ = writeln!(s, "- {}: {arrow}; {}", t.env.label(), text(&t.meaning));
        }
        s.push('\n');
    }
    for e in &o.environments {
        env_delta(&mut s, e);
    }
    s
}

fn env_delta(s: &mut String, e: &EnvDelta) {
    let l = e.env.label();
    if !e.to_order.is_empty() {
        let _ = writeln!(s, "**Now to order in {l}** (beställningsstöd)\n");
        menus(s, &e.to_order);
    }
    if !e.no_longer_to_order.is_empty() {
        let _ = writeln!(s, "**No longer to order in {l}**\n");
        menus(s, &e.no_longer_to_order);
    }
    if !e.tak.is_empty() {
        let (inc, exc) = tak_counts(&e.tak);
        let _ = writeln!(
            s,
            "<details><summary>TAK change for {}: {inc} to include, {exc} to exclude</summary>\n",
            text(&e.tak.plattform)
        );
        let body = e.tak.to_json();
        let fence = fence_for(&body);
        let _ = writeln!(s, "{fence}json\n{body}{fence}\n\n</details>\n");
    }
}

/// Counts of vägval and anropsbehörigheter included and excluded.
fn tak_counts(t: &TakOrder) -> (usize, usize) {
    let inc = t
        .inkludera
        .as_ref()
        .map_or(0, |i| i.vagval.len() + i.anropsbehorigheter.len());
    let exc = t
        .exkludera
        .as_ref()
        .map_or(0, |e| e.vagval.len() + e.anropsbehorigheter.len());
    (inc, exc)
}

fn menus(s: &mut String, m: &Menus) {
    if let Some(r) = &m.system_registration {
        let _ = writeln!(
            s,
            "- Administrera systeminformation: register {} ({}, {})",
            text(&r.system_name),
            text(&r.organisation),
            code(&r.hsa_id)
        );
    }
    for r in &m.routings {
        let _ = writeln!(
            s,
            "- Administrera tjänsteproducent: vägval {} for {} {} to {}",
            text(&r.contract.name),
            code(&r.logical_address.hsa_id),
            text(&r.logical_address.name),
            code(&r.url)
        );
    }
    for p in &m.producer_permissions {
        let _ = writeln!(
            s,
            "- Administrera tjänsteproducent: adresseringsbehörighet for {} on {} at {}",
            code(&p.consumer.hsa_id),
            text(&p.contract.name),
            code(&p.logical_address.hsa_id)
        );
    }
    for p in &m.consumer_permissions {
        let _ = writeln!(
            s,
            "- Administrera tjänstekonsument: adresseringsbehörighet for {} on {} at {}",
            code(&p.consumer.hsa_id),
            text(&p.contract.name),
            code(&p.logical_address.hsa_id)
        );
    }
    if let Some(e) = &m.engagement_index {
        let _ = writeln!(
            s,
            "- Administrera tjänstekonsument: engagemangsindex, {} consumes {} at {}",
            code(&e.consumer.hsa_id),
            text(&e.contract.name),
            code(&e.logical_address.hsa_id)
        );
    }
    s.push('\n');
}

fn findings(diff: &Diff) -> String {
    let mut s = String::from("\n### Findings in the head\n\n");
    let body: String = diff
        .findings
        .iter()
        .map(|d| format!("{}\n", concise_line(d)))
        .collect();
    let fence = fence_for(&body);
    let _ = writeln!(s, "{fence}text\n{body}{fence}");
    let _ = writeln!(
        s,
        "\n`nkrr-onboard validate` shows each finding with its line; `nkrr-onboard explain CODE` explains a code."
    );
    s
}

fn words(ws: &[Words]) -> String {
    ws.iter()
        .map(|w| match w {
            Words::Text(t) => text(t),
            Words::Code(c) => code(c),
        })
        .collect()
}

/// Text from a file, escaped so that Markdown and HTML read it as plain text.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A value as inline code; the delimiter is longer than any run of backticks in it.
pub fn code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let longest = longest_run(&s, '`');
    let ticks = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// A code fence longer than any run of backticks in `body`.
fn fence_for(body: &str) -> String {
    "`".repeat(longest_run(body, '`').max(2) + 1)
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for x in s.chars() {
        if x == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("<script>|x|"), "&lt;script&gt;\\|x\\|");
        assert_eq!(text("a*b_c"), "a\\*b\\_c");
    }

    #[test]
    fn code_survives_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }
}
