//! The personal-data guard: no real personnummer anywhere in an onboarding's text.
//!
//! The raw text is scanned, comments included, for numbers with the shape and check digit of a
//! personnummer or samordningsnummer. One in a test patient's `personnummer` field is judged by
//! the test-patient rule (it must be a known test identity); one anywhere else is an error. The
//! number is masked in the finding, so the report does not spread it further.

use crate::check::Context;
use crate::diag::{Code, Diagnostic};
use crate::personnummer;
use crate::span::Span;
use crate::yaml::Document;

/// Findings for personnummer-like numbers outside test patients' fields.
pub fn scan(ctx: &Context, path: &str, text: &str, doc: Option<&Document>) -> Vec<Diagnostic> {
    let allowed: Vec<(usize, usize)> = doc
        .and_then(|d| {
            d.value
                .pointer("/test/patients")
                .and_then(|v| v.as_array())
                .map(|ps| (d, ps.len()))
        })
        .map(|(d, n)| {
            (0..n)
                .filter_map(|i| d.positions.get(&format!("/test/patients/{i}/personnummer")))
                .map(|p| (p.value.start, p.value.end.max(p.value.start + 1)))
                .collect()
        })
        .unwrap_or_default();
    let mut lines = LineCounter::default();
    let mut out: Vec<Diagnostic> = personnummer::find_all(text)
        .into_iter()
        .filter(|f| !allowed.iter().any(|&(s, e)| f.start >= s && f.start < e))
        // When the YAML does not parse, the fields are unknown: a test identity may well be in a
        // test patient's field, so only numbers that are not test identities are reported.
        .filter(|f| doc.is_some() || !ctx.is_test_identity(&f.digits))
        .map(|f| {
            let known = ctx.is_test_identity(&f.digits);
            let masked = personnummer::mask(&text[f.start..f.end]);
            let mut d = Diagnostic::new(
                Code::PersonalData,
                path,
                Some(lines.span(text, f.start, f.end)),
                format!("`{masked}` looks like a personnummer"),
            );
            d = if known {
                d.with_help("it is a test identity, but only a test patient's `personnummer` field may hold one")
            } else {
                d.with_help("remove personal data from the file; it stays in git history once committed")
            };
            d
        })
        .collect();
    if let Some(doc) = doc {
        out.extend(scan_decoded_values(ctx, path, text, doc));
    }
    out
}

/// Numbers that only appear once YAML has read a value: written with escapes (`"\x31912…"`) or
/// split by a line break in a quoted string. The raw text does not show them; the value does.
/// Test patients' fields are left to the test-patient rule.
fn scan_decoded_values(ctx: &Context, path: &str, text: &str, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The tree is at most `yaml::MAX_DEPTH` deep; an explicit stack all the same.
    let mut stack: Vec<(String, &serde_json::Value)> = vec![(String::new(), &doc.value)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => stack.extend(
                map.iter()
                    .map(|(k, v)| (format!("{pointer}/{}", crate::yaml::escape_pointer(k)), v)),
            ),
            serde_json::Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("{pointer}/{i}"), v)),
            ),
            serde_json::Value::String(s) => {
                let Some(node) = doc.positions.get(&pointer) else {
                    continue;
                };
                let raw = text.get(node.value.start..node.value.end).unwrap_or("");
                let in_patient_field =
                    pointer.starts_with("/test/patients/") && pointer.ends_with("/personnummer");
                let found = personnummer::find_all(s);
                if found.is_empty() || in_patient_field {
                    continue; // nothing, or the test-patient rule's
                }
                let in_raw = personnummer::find_all(raw);
                for f in found {
                    if in_raw.iter().any(|r| r.digits == f.digits) {
                        continue; // reported by the raw-text scan
                    }
                    let written = &s[f.start..f.end];
                    let masked = personnummer::mask(written);
                    let mut d = Diagnostic::new(
                        Code::PersonalData,
                        path,
                        Some(node.value),
                        format!("`{masked}` looks like a personnummer, once the value is read"),
                    )
                    .with_help("the value spells out a personnummer through escapes or line breaks; remove it");
                    if ctx.is_test_identity(&f.digits) {
                        d.set_help("it is a test identity, but only a test patient's `personnummer` field may hold one");
                    }
                    out.push(d);
                }
            }
            _ => {}
        }
    }
    out
}

/// Line and column of increasing byte offsets, counted once through the text: a file full of
/// numbers must not be rescanned from its start for each one.
#[derive(Default)]
struct LineCounter {
    at: usize,
    line: u32,
    col: u32,
}

impl LineCounter {
    /// The span of `start..end`; `start` is not before the previous call's.
    fn span(&mut self, text: &str, start: usize, end: usize) -> Span {
        if self.line == 0 {
            (self.line, self.col) = (1, 1);
        }
        for c in text[self.at..start].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.at = start;
        Span {
            line: self.line,
            col: self.col,
            start,
            end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LineCounter;
    use crate::span::span_of;

    #[test]
    fn line_counter_agrees_with_span_of() {
        let text = "a\nbå 1\r\n\nxyz 2 3\n";
        let mut lines = LineCounter::default();
        for (i, c) in text.char_indices().filter(|(_, c)| c.is_ascii_digit()) {
            assert_eq!(
                lines.span(text, i, i + c.len_utf8()),
                span_of(text, i, i + 1)
            );
        }
    }
}
