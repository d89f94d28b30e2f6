//! Review of a change: two sets of onboardings (a base revision and a head, a revision or the
//! working tree) compared as data, with what the change means for the orders.
//!
//! Both sides go through the same pipeline as `validate` ([`crate::check`]). Onboardings are
//! matched by the care provider's HSA-id, compared case-insensitively as TAK does, so a file that
//! was renamed is one vårdgivare, and a file whose HSA-id changed is one removed and one added.
//! For each matched vårdgivare the report has:
//!
//! - the field changes in plain words ([`changes`]);
//! - the phase transitions and, per environment, what must now be ordered in the
//!   beställningsstöd and the TAK order that turns the base's TAK state into the head's
//!   ([`orders`], built on [`crate::plan`], which the exporter uses too).
//!
//! Only the head's findings matter to a reviewer. They are reported for the files the change
//! touches (and for findings that point into them); when the schema or the catalogue file
//! differs between base and head, a change of the rules themselves, every onboarding is
//! revalidated and every finding is reported. Orders are computed only from head files without
//! error-level findings, and a file that no longer reads as an onboarding is never taken as
//! removed, so a broken head can never produce an `exkludera`.

pub mod changes;
pub mod orders;
pub mod render;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::check::{self, CheckedFile, Context};
use crate::diag::Diagnostic;
use crate::diag::render::{SourceMap, Summary};
use crate::git::{Repo, Revision, short};
use crate::model::Onboarding;
use crate::schema::SCHEMA_PATH;
use crate::source::{self, Content, ONBOARDINGS_DIR, RawFile};

pub use changes::Change;
pub use orders::{EnvDelta, Transition};

/// The files whose change changes the rules: when either differs, every onboarding is
/// revalidated.
pub const DEFINITION_FILES: [&str; 2] = [SCHEMA_PATH, "data/catalogue.json"];

/// One side of a comparison, loaded.
#[derive(Debug)]
pub struct Side {
    /// The revision as given, or `working tree`.
    pub label: String,
    /// The commit, for a revision.
    pub commit: Option<String>,
    /// What precedes a path in a file's name (`REV:`), empty for the working tree.
    prefix: String,
    pub files: Vec<RawFile>,
    /// The bytes of each [`DEFINITION_FILES`] entry on this side (`None` when absent).
    definitions: Vec<Option<Vec<u8>>>,
}

impl Side {
    /// `onboardings/` at a revision of `repo`. A revision without the folder is an `Err`, unless
    /// it is the base of a change (`may_lack_folder`): the change that adds the first onboardings
    /// is reviewed against none.
    pub fn revision(
        repo: &Repo,
        spec: &str,
        max_size: u64,
        may_lack_folder: bool,
    ) -> Result<Side, String> {
        let rev: Revision<'_> = repo.revision(spec)?;
        let files = if may_lack_folder && !rev.contains(ONBOARDINGS_DIR) {
            Vec::new()
        } else {
            rev.collect(&[ONBOARDINGS_DIR.into()], max_size)?
        };
        Ok(Side {
            label: spec.to_owned(),
            commit: Some(short(rev.commit)),
            prefix: format!("{spec}:"),
            files,
            definitions: DEFINITION_FILES.iter().map(|p| rev.blob(p)).collect(),
        })
    }

    /// `onboardings/` in the working tree of `repo`, named relative to its root.
    pub fn working_tree(repo: &Repo, max_size: u64) -> Result<Side, String> {
        let root = repo
            .workdir()
            .ok_or("the repository is bare: it has no working tree; give `--head REV`")?;
        let dir = root.join(ONBOARDINGS_DIR);
        let paths = source::collect(std::slice::from_ref(&dir))
            .map_err(|e| format!("the working tree has no `{ONBOARDINGS_DIR}/` folder: {e}"))?;
        let files = paths
            .iter()
            .map(|p| {
                let rel = p.strip_prefix(root).unwrap_or(p);
                let mut f = source::read_folder_file(p, max_size);
                f.name = source::display_name(rel);
                f
            })
            .collect();
        Ok(Side {
            label: "working tree".into(),
            commit: None,
            prefix: String::new(),
            files,
            definitions: DEFINITION_FILES
                .iter()
                .map(|p| std::fs::read(root.join(p)).ok())
                .collect(),
        })
    }

    fn path_of<'a>(&self, name: &'a str) -> &'a str {
        name.strip_prefix(&self.prefix).unwrap_or(name)
    }
}

/// A side as the report names it.
#[derive(Debug, Clone, Serialize)]
pub struct SideInfo {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// What happened to a vårdgivare's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Added,
    Removed,
    /// The same care provider in a file with another name (perhaps also changed).
    Renamed,
    Modified,
    /// The head file exists but does not read as an onboarding (see the findings); nothing is
    /// compared and nothing is ordered or removed.
    Unreadable,
}

/// One vårdgivare in the review.
#[derive(Debug, Clone, Serialize)]
pub struct OnboardingDiff {
    /// The care provider's HSA-id (as the head writes it, or the base for a removal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hsa_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: FileStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head_file: Option<String>,
    /// Whether the head file has error-level findings; then no orders are computed.
    pub head_has_errors: bool,
    pub changes: Vec<Change>,
    pub transitions: Vec<Transition>,
    /// Per environment: what must now be ordered and the TAK order of the change.
    pub environments: Vec<EnvDelta>,
}

/// Counts of the review.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct DiffSummary {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub modified: usize,
    pub unreadable: usize,
    /// Vårdgivare whose data did not change (a file may still have changed in comments or
    /// layout).
    pub unchanged: usize,
    /// Findings reported (see [`Diff::findings`]).
    pub errors: usize,
    pub warnings: usize,
}

/// The review of a change.
#[derive(Debug, Serialize)]
pub struct Diff {
    pub base: SideInfo,
    pub head: SideInfo,
    /// The definition files that differ between base and head; when any does, every
    /// onboarding was revalidated and all findings are reported.
    pub definitions_changed: Vec<String>,
    pub revalidated_all: bool,
    pub summary: DiffSummary,
    pub onboardings: Vec<OnboardingDiff>,
    /// The head's findings in the changed files (all files when `revalidated_all`).
    pub findings: Vec<Diagnostic>,
    /// The head's texts, for rendering findings; not serialised.
    #[serde(skip)]
    pub sources: SourceMap,
}

impl Diff {
    /// Whether a reported finding is an error: the review fails.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Diagnostic::is_error)
    }
}

/// Compares `base` with `head`.
pub fn diff(ctx: &Context, base: Side, head: Side) -> Diff {
    let base_info = SideInfo {
        label: base.label.clone(),
        commit: base.commit.clone(),
    };
    let head_info = SideInfo {
        label: head.label.clone(),
        commit: head.commit.clone(),
    };
    let definitions_changed: Vec<String> = DEFINITION_FILES
        .iter()
        .zip(base.definitions.iter().zip(&head.definitions))
        .filter(|(_, (b, h))| b != h)
        .map(|(p, _)| (*p).to_owned())
        .collect();
    let revalidated_all = !definitions_changed.is_empty();

    // Raw bytes by path, to know which files the change touches.
    let bytes_by_path = |side: &Side| -> HashMap<String, Option<Vec<u8>>> {
        side.files
            .iter()
            .map(|f| {
                let bytes = match &f.content {
                    Content::Bytes(b) => Some(b.clone()),
                    _ => None,
                };
                (side.path_of(&f.name).to_owned(), bytes)
            })
            .collect()
    };
    let base_bytes = bytes_by_path(&base);
    let head_bytes = bytes_by_path(&head);
    let touched: Vec<String> = head
        .files
        .iter()
        .filter(|f| {
            let p = head.path_of(&f.name);
            match (base_bytes.get(p), head_bytes.get(p)) {
                (Some(Some(b)), Some(Some(h))) => b != h,
                _ => true,
            }
        })
        .map(|f| f.name.clone())
        .collect();

    // A file with the same bytes at the same path on both sides cannot change anything: the base
    // side need not be checked at all, and the pair need not be compared. The head side is still
    // checked whole, for the rules across files and its findings.
    let unchanged: HashSet<String> = head_bytes
        .iter()
        .filter(|(p, h)| h.is_some() && base_bytes.get(*p) == Some(*h))
        .map(|(p, _)| p.clone())
        .collect();
    let (base_prefix, head_prefix) = (base.prefix.clone(), head.prefix.clone());
    let base_files: Vec<RawFile> = base
        .files
        .into_iter()
        .filter(|f| !unchanged.contains(f.name.strip_prefix(&base_prefix).unwrap_or(&f.name)))
        .collect();
    let base_report = check::check(ctx, base_files);
    let head_report = check::check(ctx, head.files);
    let base_path = |n: &str| n.strip_prefix(&base_prefix).unwrap_or(n).to_owned();
    let head_path = |n: &str| n.strip_prefix(&head_prefix).unwrap_or(n).to_owned();
    let head_changed: Vec<&CheckedFile> = head_report
        .files
        .iter()
        .filter(|f| !unchanged.contains(&head_path(&f.name)))
        .collect();

    let onboardings = matched(
        ctx,
        &base_report.files,
        &head_changed,
        &base_path,
        &head_path,
    );

    let in_scope = |d: &Diagnostic| {
        revalidated_all
            || touched.contains(&d.path)
            || d.related.iter().any(|r| touched.contains(&r.path))
    };
    let findings: Vec<Diagnostic> = head_report
        .diagnostics
        .iter()
        .filter(|d| in_scope(d))
        .cloned()
        .collect();

    let mut summary = DiffSummary::default();
    for o in &onboardings {
        match o.status {
            FileStatus::Added => summary.added += 1,
            FileStatus::Removed => summary.removed += 1,
            FileStatus::Renamed => summary.renamed += 1,
            FileStatus::Modified => summary.modified += 1,
            FileStatus::Unreadable => summary.unreadable += 1,
        }
    }
    let head_typed = head_report
        .files
        .iter()
        .filter(|f| f.onboarding.is_some())
        .count();
    summary.unchanged = head_typed.saturating_sub(
        onboardings
            .iter()
            .filter(|o| o.status != FileStatus::Removed && o.status != FileStatus::Unreadable)
            .count(),
    );
    let s = Summary::of(0, &findings);
    summary.errors = s.errors;
    summary.warnings = s.warnings;

    Diff {
        base: base_info,
        head: head_info,
        definitions_changed,
        revalidated_all,
        summary,
        onboardings,
        findings,
        sources: head_report.sources(),
    }
}

/// Matches the two sides' onboardings by care-provider HSA-id and compares each pair.
fn matched(
    ctx: &Context,
    base: &[CheckedFile],
    head: &[&CheckedFile],
    base_path: &dyn Fn(&str) -> String,
    head_path: &dyn Fn(&str) -> String,
) -> Vec<OnboardingDiff> {
    let key = |o: &Onboarding| o.care_provider.hsa_id.as_str().to_ascii_uppercase();
    // The first file of each care provider; a second is a `duplicate-care-provider` finding.
    let mut base_by_id: BTreeMap<String, (&CheckedFile, &Onboarding)> = BTreeMap::new();
    for f in base {
        if let Some(o) = &f.onboarding {
            base_by_id.entry(key(o)).or_insert((f, o));
        }
    }
    let mut head_by_id: BTreeMap<String, (&CheckedFile, &Onboarding)> = BTreeMap::new();
    for &f in head {
        if let Some(o) = &f.onboarding {
            head_by_id.entry(key(o)).or_insert((f, o));
        }
    }
    let head_untyped: HashMap<String, &CheckedFile> = head
        .iter()
        .filter(|f| f.onboarding.is_none())
        .map(|&f| (head_path(&f.name), f))
        .collect();

    let mut out = Vec::new();
    for (id, (hf, ho)) in &head_by_id {
        let entry = match base_by_id.get(id) {
            None => OnboardingDiff::new(FileStatus::Added, None, Some((hf, ho))),
            Some((bf, bo)) => {
                let status = if base_path(&bf.name) == head_path(&hf.name) {
                    FileStatus::Modified
                } else {
                    FileStatus::Renamed
                };
                let mut d = OnboardingDiff::new(status, Some((bf, bo)), Some((hf, ho)));
                d.changes = changes::compare(bo, ho);
                d
            }
        };
        out.push(entry.with_orders(ctx, base_by_id.get(id).map(|(_, o)| *o), ho));
    }
    for (id, (bf, bo)) in &base_by_id {
        if head_by_id.contains_key(id) {
            continue;
        }
        match head_untyped.get(&base_path(&bf.name)) {
            Some(hf) => {
                let mut d = OnboardingDiff::new(FileStatus::Unreadable, Some((bf, bo)), None);
                d.head_file = Some(hf.name.clone());
                d.head_has_errors = true;
                out.push(d);
            }
            None => {
                let d = OnboardingDiff::new(FileStatus::Removed, Some((bf, bo)), None);
                out.push(d.with_removal(ctx, bo));
            }
        }
    }
    // Head files that are not onboardings and were not one at the base either.
    let base_paths: Vec<String> = base_by_id
        .values()
        .map(|(f, _)| base_path(&f.name))
        .collect();
    let base_texts: HashMap<String, &CheckedFile> =
        base.iter().map(|f| (base_path(&f.name), f)).collect();
    let mut untyped: Vec<&&CheckedFile> = head_untyped
        .iter()
        .filter(|(p, _)| !base_paths.contains(p))
        .filter(|(p, f)| base_texts.get(*p).is_none_or(|b| b.text != f.text))
        .map(|(_, f)| f)
        .collect();
    untyped.sort_by(|a, b| a.name.cmp(&b.name));
    for f in untyped {
        let mut d = OnboardingDiff::new(FileStatus::Unreadable, None, None);
        d.head_file = Some(f.name.clone());
        d.head_has_errors = true;
        out.push(d);
    }
    out.retain(|d| {
        d.status != FileStatus::Modified
            || !d.changes.is_empty()
            || d.head_has_errors
            || !d.environments.is_empty()
    });
    out.sort_by(|a, b| {
        let k = |d: &OnboardingDiff| {
            (
                d.hsa_id.as_deref().map(str::to_ascii_uppercase),
                d.head_file.clone().or_else(|| d.base_file.clone()),
            )
        };
        k(a).cmp(&k(b))
    });
    out
}

impl OnboardingDiff {
    fn new(
        status: FileStatus,
        base: Option<(&CheckedFile, &Onboarding)>,
        head: Option<(&CheckedFile, &Onboarding)>,
    ) -> OnboardingDiff {
        let shown = head.or(base).map(|(_, o)| o);
        OnboardingDiff {
            hsa_id: shown.map(|o| o.care_provider.hsa_id.to_string()),
            name: shown.map(|o| o.care_provider.name.clone()),
            status,
            base_file: base.map(|(f, _)| f.name.clone()),
            head_file: head.map(|(f, _)| f.name.clone()),
            head_has_errors: head.is_some_and(|(f, _)| f.has_errors),
            changes: Vec::new(),
            transitions: Vec::new(),
            environments: Vec::new(),
        }
    }

    /// Adds the transitions and order deltas of an added or changed onboarding, unless the
    /// head has errors.
    fn with_orders(mut self, ctx: &Context, base: Option<&Onboarding>, head: &Onboarding) -> Self {
        if self.head_has_errors {
            return self;
        }
        self.transitions = orders::transitions(base, head);
        self.environments = orders::deltas(ctx.catalogue, base, Some(head));
        self
    }

    /// Adds what a removal takes out of TAK.
    fn with_removal(mut self, ctx: &Context, base: &Onboarding) -> Self {
        self.environments = orders::deltas(ctx.catalogue, Some(base), None);
        self
    }
}

/// Opens the repository that contains `dir`.
pub fn open(dir: &Path) -> Result<Repo, String> {
    Repo::discover(dir)
}
