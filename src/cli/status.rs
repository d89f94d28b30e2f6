//! `nkrr-onboard status`: where each vårdgivare stands, per environment.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::validate::CommonArgs;
use super::{Failure, Outcome, Status};
use crate::check::{self, Context};
use crate::diag::Diagnostic;
use crate::progress::{self, render::Listed};
use crate::source::{self, ONBOARDINGS_DIR};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// HSA-ids of the vårdgivare to show (default: all in the folder); compared
    /// case-insensitively.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// The folder of onboardings.
    #[arg(long, value_name = "DIR", default_value = ONBOARDINGS_DIR)]
    pub dir: PathBuf,
    /// How to print.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    /// In the table, list each environment's checklist steps below it.
    #[arg(long)]
    pub steps: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table for the terminal, one row per vårdgivare and environment.
    Table,
    /// A summary table and each environment's checklist as task lists.
    Markdown,
    /// Every step, phase and next action, for other tools.
    Json,
}

pub fn run(args: &Args) -> Outcome {
    let ctx = Context::new(args.common.options()?);
    let paths = source::collect(std::slice::from_ref(&args.dir)).map_err(Failure)?;
    let files = paths
        .iter()
        .map(|p| source::read_folder_file(p, ctx.options.max_file_size))
        .collect();
    let report = check::check(&ctx, files);
    let errors = |file: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.path == file && Diagnostic::is_error(d))
            .count()
    };
    let mut listed: Vec<Listed> = report
        .files
        .iter()
        .map(|f| Listed {
            file: f.name.clone(),
            errors: errors(&f.name),
            progress: f.onboarding.as_ref().map(progress::of),
        })
        .collect();
    if !args.ids.is_empty() {
        let mut unknown = Vec::new();
        for id in &args.ids {
            if !listed.iter().any(|l| matches(l, id)) {
                unknown.push(id.as_str());
            }
        }
        if !unknown.is_empty() {
            return Err(Failure(format!(
                "no onboarding in {} for {}",
                source::display_name(&args.dir),
                unknown.join(", ")
            )));
        }
        listed.retain(|l| args.ids.iter().any(|id| matches(l, id)));
    }
    let text = match args.format {
        StatusFormat::Table => progress::render::text(&listed, args.steps),
        StatusFormat::Markdown => progress::render::markdown(&listed),
        StatusFormat::Json => progress::render::json(&listed),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if listed.iter().any(|l| l.errors > 0) {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Whether `l` is the vårdgivare `id`: by its HSA-id, or by its file name when it has no
/// readable one.
fn matches(l: &Listed, id: &str) -> bool {
    match &l.progress {
        Some(p) => p.hsa_id.eq_ignore_ascii_case(id),
        None => std::path::Path::new(&l.file)
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.eq_ignore_ascii_case(id)),
    }
}
