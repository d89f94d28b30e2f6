//! Runs the pipeline over a set of files: decode → YAML → schema → typed model → rules, each
//! file on its own core, then the rules across files.
//!
//! Nothing here returns `Err` for a user's mistake: every problem is a finding, and a broken file
//! never stops the others from being checked.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::catalog::Catalogue;
use crate::diag::render::SourceMap;
use crate::diag::{self, Code, Diagnostic, Related, Severity};
use crate::model::Onboarding;
use crate::personnummer;
use crate::rules::{self, AcrossFacts};
use crate::schema::SchemaValidator;
use crate::source::{self, DEFAULT_MAX_FILE_SIZE, RawFile};
use crate::yaml::{self, Document};

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files over this many bytes are not parsed.
    pub max_file_size: u64,
    /// Personnummer of test identities beyond the catalogue's (12 digits each).
    pub extra_test_identities: HashSet<String>,
    /// Whether each [`CheckedFile`] keeps its YAML tree and typed onboarding. Exports and reviews
    /// need them; a run that only reports findings does not, and without them it holds little
    /// more than the files' text (the trees are most of the memory of a large run).
    pub keep_documents: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            extra_test_identities: HashSet::new(),
            keep_documents: true,
        }
    }
}

/// What a run needs: the catalogue, the compiled schema and the options. Build it once.
pub struct Context {
    pub catalogue: &'static Catalogue,
    pub schema: SchemaValidator,
    pub options: Options,
}

impl Context {
    pub fn new(options: Options) -> Self {
        Context {
            catalogue: Catalogue::get(),
            schema: SchemaValidator::new(),
            options,
        }
    }

    /// Whether `digits` is a known test identity.
    pub fn is_test_identity(&self, digits: &str) -> bool {
        self.options.extra_test_identities.contains(digits)
            || self
                .catalogue
                .test_identities
                .iter()
                .any(|t| t.personnummer == digits)
    }
}

/// One checked file.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub name: String,
    /// The text, when the file could be decoded.
    pub text: Option<Arc<str>>,
    /// The YAML tree with positions, when it parsed.
    pub doc: Option<Document>,
    /// The typed onboarding, when the tree has the model's shape.
    pub onboarding: Option<Onboarding>,
    /// Whether any error-level finding concerns this file.
    pub has_errors: bool,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// Every file, in the order given.
    pub files: Vec<CheckedFile>,
    /// Every finding, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The text of every file, for rendering snippets, with every personnummer masked except the
    /// catalogue's test identities: a snippet must not print what the guard reports masked. The
    /// masking keeps every position.
    pub fn sources(&self) -> SourceMap {
        let test_ids = &Catalogue::get().test_identities;
        let mut map = SourceMap::default();
        for f in &self.files {
            if let Some(t) = &f.text {
                let shown = match personnummer::mask_all(t, |d| {
                    test_ids.iter().any(|t| t.personnummer == d)
                }) {
                    Cow::Borrowed(_) => t.clone(),
                    Cow::Owned(masked) => Arc::from(masked),
                };
                map.insert(f.name.clone(), shown);
            }
        }
        map
    }

    /// The onboardings that have no error-level finding: what exports and reviews may use.
    pub fn valid_onboardings(&self) -> impl Iterator<Item = (&CheckedFile, &Onboarding)> {
        self.files
            .iter()
            .filter(|f| !f.has_errors)
            .filter_map(|f| f.onboarding.as_ref().map(|o| (f, o)))
    }
}

/// Checks `files`, in parallel, then across files.
pub fn check(ctx: &Context, files: Vec<RawFile>) -> Report {
    let per_file: Vec<(CheckedFile, Vec<Diagnostic>, Option<AcrossFacts>)> =
        files.into_par_iter().map(|f| check_one(ctx, f)).collect();
    let mut checked = Vec::with_capacity(per_file.len());
    let mut facts = Vec::with_capacity(per_file.len());
    let mut diagnostics = Vec::new();
    for (file, diags, fact) in per_file {
        checked.push(file);
        facts.push(fact);
        diagnostics.extend(diags);
    }
    let named: Vec<(&str, Option<&AcrossFacts>)> = checked
        .iter()
        .zip(&facts)
        .map(|(f, a)| (f.name.as_str(), a.as_ref()))
        .collect();
    diagnostics.extend(rules::check_across(&named));
    let with_errors: HashSet<&str> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_str())
        .collect();
    for f in &mut checked {
        f.has_errors = with_errors.contains(f.name.as_str());
    }
    for d in &mut diagnostics {
        mask_personnummer(ctx, d);
    }
    diag::sort(&mut diagnostics);
    let mut diagnostics = cap_per_file_and_code(diagnostics);
    diag::sort(&mut diagnostics);
    Report {
        files: checked,
        diagnostics,
    }
}

/// At most this many findings of one code are reported for one file; the rest are counted in one
/// more finding of that code. A hostile file can hold hundreds of thousands of mistakes (every
/// key unknown, every line a number): a report of that size helps nobody and is slow to print.
pub const MAX_FINDINGS_PER_CODE: usize = 100;

/// Keeps the first [`MAX_FINDINGS_PER_CODE`] findings (in `diags`' order) of each code in each
/// file and replaces the others with one finding that says how many there are. The file keeps its
/// errors: the summary is an error when any finding it stands for is.
fn cap_per_file_and_code(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: HashMap<(String, Code), usize> = HashMap::new();
    let mut over: HashMap<(String, Code), (usize, Diagnostic)> = HashMap::new();
    let mut out = Vec::with_capacity(diags.len().min(4096));
    for d in diags {
        let key = (d.path.clone(), d.code);
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        if *n <= MAX_FINDINGS_PER_CODE {
            out.push(d);
            continue;
        }
        let error = d.is_error();
        let (count, first) = over.entry(key).or_insert((0, d));
        *count += 1;
        if error {
            first.severity = Severity::Error;
        }
    }
    for (count, first) in over.into_values() {
        let mut d = Diagnostic::new(
            first.code,
            first.path,
            first.span,
            format!(
                "{count} more `{}` findings in this file from here on are not shown",
                first.code.name()
            ),
        )
        .with_help("correct the ones shown first; a file with this many mistakes is most often not an onboarding");
        d.severity = first.severity;
        out.push(d);
    }
    out
}

/// Masks every personnummer but known test identities in a finding's words: a rule that quotes a
/// value (an HSA-id, a contract name) must not print one in full.
fn mask_personnummer(ctx: &Context, d: &mut Diagnostic) {
    let mask = |s: &mut String| {
        if let Cow::Owned(masked) = personnummer::mask_all(s, |digits| ctx.is_test_identity(digits))
        {
            *s = masked;
        }
    };
    mask(&mut d.message);
    d.label.iter_mut().for_each(mask);
    d.help.iter_mut().for_each(mask);
    d.related.iter_mut().for_each(|r| mask(&mut r.message));
}

fn check_one(ctx: &Context, file: RawFile) -> (CheckedFile, Vec<Diagnostic>, Option<AcrossFacts>) {
    let mut diags = Vec::new();
    let text = source::decode(&file, ctx.options.max_file_size, &mut diags);
    let mut checked = CheckedFile {
        name: file.name,
        text: text.clone(),
        doc: None,
        onboarding: None,
        has_errors: false,
    };
    let Some(text) = text else {
        return (checked, diags, None);
    };
    let (doc, issues) = yaml::parse(&text);
    for issue in issues {
        let mut d = Diagnostic::new(issue.code, &checked.name, Some(issue.span), issue.message);
        if let Some((span, message)) = issue.related {
            d = d.with_related(Related {
                path: checked.name.clone(),
                span,
                message,
            });
        }
        diags.push(d);
    }
    diags.extend(rules::personal_data::scan(
        ctx,
        &checked.name,
        &text,
        doc.as_ref(),
    ));
    let Some(doc) = doc else {
        return (checked, diags, None);
    };
    diags.extend(ctx.schema.check(&checked.name, &text, &doc));
    // The typed model is built from the same tree; it fails only where the schema already
    // reported a wrong type or a missing key, so its own error adds nothing.
    let mut facts = None;
    if let Ok(onboarding) = Onboarding::deserialize(&doc.value) {
        let mut rule_ctx = rules::FileCtx::new(ctx, &checked.name, &doc);
        rules::check_file(&onboarding, &mut rule_ctx);
        diags.extend(rule_ctx.into_diagnostics());
        facts = Some(AcrossFacts::of(&onboarding, &doc));
        if ctx.options.keep_documents {
            checked.onboarding = Some(onboarding);
        }
    }
    rules::placeholders::apply(&checked.name, &doc, &mut diags);
    if ctx.options.keep_documents {
        checked.doc = Some(doc);
    }
    (checked, diags, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Content;
    use crate::span::Span;

    fn raw(name: &str, text: &str) -> RawFile {
        RawFile {
            name: name.into(),
            content: Content::Bytes(text.as_bytes().to_vec()),
        }
    }

    fn corpus() -> Vec<RawFile> {
        let example = include_str!("../onboardings/SE2321990018-E000000000001.yaml");
        vec![
            raw("onboardings/SE2321990018-E000000000001.yaml", example),
            // The same care provider again, under another name: a finding across files.
            raw("onboardings/copy.yaml", example),
            raw(
                "onboardings/bad.yaml",
                &example.replace("name: Region Norrsund", "nmae: Region Norrsund"),
            ),
            raw("onboardings/broken.yaml", "a: [1\n"),
        ]
    }

    #[test]
    fn dropping_documents_changes_no_finding() {
        let kept = check(&Context::new(Options::default()), corpus());
        let lean = Context::new(Options {
            keep_documents: false,
            ..Options::default()
        });
        let dropped = check(&lean, corpus());
        assert_eq!(
            format!("{:?}", kept.diagnostics),
            format!("{:?}", dropped.diagnostics)
        );
        assert!(
            kept.diagnostics
                .iter()
                .any(|d| d.code == diag::Code::DuplicateCareProvider
                    && d.path == "onboardings/copy.yaml")
        );
        let errors = |r: &Report| r.files.iter().map(|f| f.has_errors).collect::<Vec<_>>();
        assert_eq!(errors(&kept), vec![false, true, true, true]);
        assert_eq!(errors(&dropped), errors(&kept));
        assert_eq!(kept.valid_onboardings().count(), 1);
        assert!(
            dropped
                .files
                .iter()
                .all(|f| f.doc.is_none() && f.onboarding.is_none())
        );
        assert!(dropped.files.iter().all(|f| f.text.is_some()));
    }

    fn finding(path: &str, code: Code, line: u32) -> Diagnostic {
        let span = Span {
            line,
            col: 1,
            start: 0,
            end: 0,
        };
        Diagnostic::new(code, path, Some(span), format!("at {line}"))
    }

    #[test]
    fn findings_are_capped_per_file_and_code_and_the_rest_counted() {
        let mut diags: Vec<Diagnostic> = (1..=250)
            .map(|l| finding("a.yaml", Code::UnknownKey, l))
            .chain((1..=3).map(|l| finding("a.yaml", Code::YamlAlias, l)))
            .chain((1..=150).map(|l| finding("b.yaml", Code::UnknownKey, l)))
            .collect();
        diag::sort(&mut diags);
        let mut capped = cap_per_file_and_code(diags);
        diag::sort(&mut capped);
        let count = |path: &str, code: Code| {
            capped
                .iter()
                .filter(|d| d.path == path && d.code == code)
                .count()
        };
        assert_eq!(count("a.yaml", Code::UnknownKey), MAX_FINDINGS_PER_CODE + 1);
        assert_eq!(count("a.yaml", Code::YamlAlias), 3);
        assert_eq!(count("b.yaml", Code::UnknownKey), MAX_FINDINGS_PER_CODE + 1);
        let summary = capped
            .iter()
            .find(|d| d.path == "a.yaml" && d.message.starts_with("150 more"))
            .unwrap();
        assert_eq!(summary.span.map(|s| s.line), Some(101));
        assert!(summary.is_error());
    }
}
