//! Findings as data.
//!
//! Every stage (reading, YAML, schema, rules) reports what is wrong with a user's files as
//! [`Diagnostic`]s, never as `Err`: an `Err` means the tool itself could not run. One diagnostic
//! type renders to every output format ([`render`]), and [`sort`] gives every format the same
//! deterministic order.

mod codes;
pub mod render;

use serde::Serialize;

pub use codes::Code;

use crate::span::Span;

/// How serious a finding is. Errors fail `validate` (exit 1); warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A second position that explains a finding ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub path: String,
    pub span: Span,
    pub message: String,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "serialize_code")]
    pub code: Code,
    pub severity: Severity,
    /// The file as the user named it (a path, or `REV:path` for a git revision).
    pub path: String,
    /// Where in the file; `None` when the finding concerns the file as a whole.
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub span: Option<Span>,
    pub message: String,
    /// Short text under the caret in the human format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

fn serialize_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.name())
}

impl Diagnostic {
    /// A finding with the code's default severity.
    pub fn new(
        code: Code,
        path: impl Into<String>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            path: path.into(),
            span,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// In-place forms of the builders, for findings already pushed to a list.
    pub fn set_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn set_severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    pub fn add_related(&mut self, related: Related) -> &mut Self {
        self.related.push(related);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts findings by file, position, then code: the order every format prints.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.span.map(|s| (s.line, s.col)), a.code, &a.message).cmp(&(
            &b.path,
            b.span.map(|s| (s.line, s.col)),
            b.code,
            &b.message,
        ))
    });
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word_l, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= (c.chars().count() / 3).max(2))
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let subst = prev[j] + usize::from(ca != cb);
            cur[j + 1] = subst.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for &code in Code::ALL {
            let name = code.name();
            assert!(seen.insert(name), "two codes are named {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !name.starts_with('-'),
                "{name} is not kebab-case"
            );
            assert!(!code.summary().is_empty(), "{name} has no summary");
            assert!(
                code.explanation().len() > code.summary().len(),
                "{name} has no explanation beyond its summary"
            );
            assert!(
                !code.summary().ends_with('.'),
                "{name}: summaries are one line without a full stop"
            );
        }
    }

    #[test]
    fn did_you_mean_finds_near_misses_only() {
        let names = ["GetCareContacts v3", "GetDiagnosis v2", "GetActivities v1"];
        assert_eq!(
            did_you_mean("GetActivites v1", names),
            Some("GetActivities v1")
        );
        assert_eq!(
            did_you_mean("getdiagnosis v2", names),
            Some("GetDiagnosis v2")
        );
        assert_eq!(did_you_mean("Something else", names), None);
    }
}
