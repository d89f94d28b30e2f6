//! Rules beyond the schema: what a JSON Schema cannot say about an onboarding.
//!
//! One file per rule family, one flat registry ([`FILE_RULES`]). A rule reads the typed
//! [`Onboarding`] and reports at a JSON pointer; [`FileCtx`] turns the pointer into the YAML
//! position, so rules never deal with line numbers. Rules across files ([`check_across`]) see
//! every parsed file at once.

mod agreements;
mod contracts;
mod cross_file;
pub mod hsa_id;
pub mod personal_data;
pub mod placeholders;
mod progress;
mod test_patients;
mod urls;

use crate::check::Context;
use crate::diag::{Code, Diagnostic, Related};
use crate::model::Onboarding;
use crate::span::Span;
use crate::yaml::Document;

/// A rule over one file.
pub type FileRule = fn(&Onboarding, &mut FileCtx<'_>);

/// Every per-file rule, by name.
pub const FILE_RULES: &[(&str, FileRule)] = &[
    ("hsa-id", hsa_id::check),
    ("urls", urls::check),
    ("contracts", contracts::check),
    ("test-patients", test_patients::check),
    ("progress", progress::check),
    ("agreements", agreements::check),
    ("file-name", cross_file::check_file_name),
];

/// Runs every per-file rule.
pub fn check_file(onboarding: &Onboarding, ctx: &mut FileCtx<'_>) {
    for (_, rule) in FILE_RULES {
        rule(onboarding, ctx);
    }
}

/// What the rules across files need of one parsed file, taken while its tree is at hand (so
/// that the tree need not be kept).
#[derive(Debug, Clone)]
pub struct AcrossFacts {
    /// The care provider's HSA-id as written, and where.
    pub care_provider: (String, Span),
}

impl AcrossFacts {
    pub fn of(onboarding: &Onboarding, doc: &Document) -> Self {
        AcrossFacts {
            care_provider: cross_file::care_provider(onboarding, doc),
        }
    }
}

/// Runs the rules that compare files: each file's name, and its facts when it parsed into an
/// onboarding.
pub fn check_across(files: &[(&str, Option<&AcrossFacts>)]) -> Vec<Diagnostic> {
    cross_file::check_duplicates(files)
}

/// What a rule sees of the file it checks, and where its findings go.
pub struct FileCtx<'a> {
    pub ctx: &'a Context,
    pub path: &'a str,
    pub doc: &'a Document,
    out: Vec<Diagnostic>,
}

impl<'a> FileCtx<'a> {
    pub fn new(ctx: &'a Context, path: &'a str, doc: &'a Document) -> Self {
        FileCtx {
            ctx,
            path,
            doc,
            out: Vec::new(),
        }
    }

    /// The position of the value at `pointer` (or its nearest ancestor).
    pub fn at(&self, pointer: &str) -> Span {
        self.doc.positions.locate(pointer, false)
    }

    /// The position of the key at `pointer`.
    pub fn key_at(&self, pointer: &str) -> Span {
        self.doc.positions.locate(pointer, true)
    }

    /// Reports a finding at the value of `pointer`; returns it for `with_help` and friends.
    pub fn report(
        &mut self,
        code: Code,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.at(pointer);
        self.push(Diagnostic::new(code, self.path, Some(span), message))
    }

    /// Reports a finding at the key of `pointer`.
    pub fn report_key(
        &mut self,
        code: Code,
        pointer: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.key_at(pointer);
        self.push(Diagnostic::new(code, self.path, Some(span), message))
    }

    /// A related position in this file, for "first defined here" notes.
    pub fn related(&self, pointer: &str, message: impl Into<String>) -> Related {
        Related {
            path: self.path.to_owned(),
            span: self.at(pointer),
            message: message.into(),
        }
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// The JSON pointer of an environment section (`/qa`, `/prod`).
pub fn env_pointer(env: crate::model::Env) -> String {
    format!("/{}", env.key())
}
