//! `nkrr-onboard export`: write what each vårdgivare still has to order, per environment, and
//! the filled-in checklist, or check that the committed exports are up to date.

use std::io::{self, Write};
use std::path::PathBuf;

use super::validate::CommonArgs;
use super::{Failure, Outcome, Status};
use crate::check::{self, Context};
use crate::diag::Diagnostic;
use crate::diag::render::{self, Format, Style, Summary};
use crate::export::sync::{self, Change};
use crate::export::{self, Templates};
use crate::plan::tak::{Stamp, is_tak_timestamp};
use crate::source::{self, ONBOARDINGS_DIR};

/// The default output folder.
pub const EXPORTS_DIR: &str = "exports";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Onboarding files or folders to export (folders are searched for *.yaml and *.yml).
    #[arg(default_value = ONBOARDINGS_DIR)]
    pub paths: Vec<PathBuf>,
    /// The output folder.
    #[arg(long, value_name = "DIR", default_value = EXPORTS_DIR)]
    pub out: PathBuf,
    /// Write nothing; list every file that would be created, changed or removed, and exit 1 if
    /// there is any.
    #[arg(long)]
    pub check: bool,
    /// A folder of templates that replace the built-in ones of the same name
    /// (e.g. `checklist.md`, `administrera-tjansteproducent.csv`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Put timestamps (bestallningsTidpunkt, genomforandeTidpunkt) in the TAK orders: the time
    /// given as `2026-03-05T09:00:00+0000`, or now (UTC) when no time is given. Without it the
    /// orders have no timestamps, so that exports are reproducible.
    #[arg(long, value_name = "TIME", num_args = 0..=1, default_missing_value = "now")]
    pub stamp: Option<String>,
    /// Export the onboardings as they are at this git revision, read from the repository
    /// without a checkout; `PATHS` are then paths inside its tree.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

pub fn run(args: &Args) -> Outcome {
    let stamp = Stamp {
        time: match args.stamp.as_deref() {
            None => None,
            Some("now") => Some(now_utc()),
            Some(t) if is_tak_timestamp(t) => Some(t.to_owned()),
            Some(t) => {
                return Err(Failure(format!(
                    "--stamp `{t}` is not yyyy-MM-dd'T'HH:mm:ssZ, e.g. 2026-03-05T09:00:00+0000"
                )));
            }
        },
    };
    let templates = match &args.templates {
        Some(dir) => Templates::from_dir(dir)?,
        None => Templates::builtin(),
    };
    let ctx = Context::new(args.common.options()?);
    let files = match &args.rev {
        Some(rev) => super::validate::at_revision(rev, &args.paths, ctx.options.max_file_size)?,
        None => source::collect(&args.paths)?
            .iter()
            .map(|p| source::read_folder_file(p, ctx.options.max_file_size))
            .collect(),
    };
    let report = check::check(&ctx, files);
    let mut out = io::stdout().lock();
    if report.has_errors() {
        let errors: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        render::render(
            &mut out,
            Format::Human,
            &errors,
            &report.sources(),
            Summary::of(report.files.len(), &errors),
            Style { color: false },
        )?;
        let names: Vec<&str> = report
            .files
            .iter()
            .filter(|f| f.has_errors)
            .map(|f| f.name.as_str())
            .collect();
        writeln!(
            out,
            "error: nothing exported: fix the errors in {} first",
            names.join(", ")
        )?;
        return Ok(Status::Findings);
    }
    let onboardings: Vec<_> = report.valid_onboardings().map(|(_, o)| o).collect();
    let generated = export::render(&onboardings, ctx.catalogue, &templates, &stamp)?;
    let generated = sync::with_manifest(generated);
    let shown = args.out.display();
    if args.check {
        let changes = sync::compare(&args.out, &generated);
        for c in &changes {
            let (what, path) = describe(c, true);
            writeln!(out, "{what} {shown}/{path}")?;
        }
        return Ok(if changes.is_empty() {
            writeln!(out, "{shown}/ is up to date ({} files)", generated.len())?;
            Status::Clean
        } else {
            writeln!(
                out,
                "{shown}/ is out of date: {} file(s) differ; run `nkrr-onboard export` and commit them",
                changes.len()
            )?;
            Status::Findings
        });
    }
    let changes =
        sync::apply(&args.out, &generated).map_err(|e| format!("cannot write {shown}/: {e}"))?;
    for c in &changes {
        let (what, path) = describe(c, false);
        writeln!(out, "{what} {shown}/{path}")?;
    }
    let count = |f: fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let created = count(|c| matches!(c, Change::New(_)));
    let changed = count(|c| matches!(c, Change::Changed(_)));
    let removed = count(|c| matches!(c, Change::Removed(_)));
    writeln!(
        out,
        "{shown}/: {created} created, {changed} changed, {removed} removed, {} unchanged",
        generated.len() - created - changed
    )?;
    Ok(Status::Clean)
}

fn describe(c: &Change, check: bool) -> (&'static str, &str) {
    let what = match (c, check) {
        (Change::New(_), true) => "would create",
        (Change::Changed(_), true) => "would change",
        (Change::Removed(_), true) => "would remove",
        (Change::New(_), false) => "created",
        (Change::Changed(_), false) => "changed",
        (Change::Removed(_), false) => "removed",
    };
    (what, c.path())
}

/// The current time in UTC as TAK writes it: `2026-03-05T09:00:00+0000`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+0000",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
