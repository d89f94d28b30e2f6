//! Runs the pipeline over a set of files: decode → YAML → schema → typed model → rules, each
//! file on its own core, then the rules across files.
//!
//! Nothing here returns `Err` for a user's mistake: every problem is a finding, and a broken file
//! never stops the others from being checked.

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::catalog::Catalogue;
use crate::diag::render::SourceMap;
use crate::diag::{self, Diagnostic, Related};
use crate::model::Onboarding;
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

    /// The text of every file, for rendering snippets.
    pub fn sources(&self) -> SourceMap {
        let mut map = SourceMap::default();
        for f in &self.files {
            if let Some(t) = &f.text {
                map.insert(f.name.clone(), t.clone());
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
    diag::sort(&mut diagnostics);
    Report {
        files: checked,
        diagnostics,
    }
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
    if ctx.options.keep_documents {
        checked.doc = Some(doc);
    }
    (checked, diags, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Content;

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
}
