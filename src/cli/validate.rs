//! `nkrr-onboard validate`: check onboarding files and report every finding.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use rayon::prelude::*;

use super::{Failure, Outcome, Status};
use crate::check::{self, Context, Options};
use crate::diag::render::{self, Format, Style, Summary};
use crate::source::{self, DEFAULT_MAX_FILE_SIZE, ONBOARDINGS_DIR};
use crate::test_identities;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to check (folders are searched for *.yaml and *.yml). With `--rev`,
    /// paths inside that revision's tree, from the repository root.
    #[arg(default_value = ONBOARDINGS_DIR)]
    pub paths: Vec<PathBuf>,
    /// Check the files as they are at this git revision (`main`, `HEAD~1`, a commit), read from
    /// the repository without a checkout; findings name them `REV:path`.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// Options shared by every command that reads onboardings.
#[derive(Debug, Clone, clap::Args)]
pub struct CommonArgs {
    /// A file of further test identities, one 12-digit personnummer per line (`#` starts a
    /// comment); may be given more than once.
    #[arg(long, value_name = "FILE")]
    pub test_identities: Vec<PathBuf>,
    /// Files larger than this many bytes are reported and not parsed.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

impl CommonArgs {
    /// The run's options, reading the test-identity files.
    pub fn options(&self) -> Result<Options, Failure> {
        let mut options = Options {
            max_file_size: self.max_file_size,
            ..Options::default()
        };
        for path in &self.test_identities {
            options
                .extra_test_identities
                .extend(test_identities::read(path)?);
        }
        Ok(options)
    }
}

/// The files under `paths` (inside the tree, from the repository root) at git revision `rev`
/// of the repository around the current folder: what `--rev` reads.
pub fn at_revision(
    rev: &str,
    paths: &[PathBuf],
    max_size: u64,
) -> Result<Vec<source::RawFile>, Failure> {
    let repo = crate::git::Repo::discover(std::path::Path::new("."))?;
    Ok(repo.revision(rev)?.collect(paths, max_size)?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn run(args: &Args) -> Outcome {
    let ctx = Context::new(Options {
        // Only findings are reported: no file's tree needs to outlive its checks.
        keep_documents: false,
        ..args.common.options()?
    });
    let files = match &args.rev {
        Some(rev) => at_revision(rev, &args.paths, ctx.options.max_file_size)?,
        None => {
            let paths = source::collect(&args.paths).map_err(|e| {
                if args.paths.len() == 1 && args.paths[0].as_path() == std::path::Path::new(ONBOARDINGS_DIR) {
                    Failure(format!("{e}\n(run from the repository root, where `{ONBOARDINGS_DIR}/` is, or name the files to check)"))
                } else {
                    Failure(e)
                }
            })?;
            paths
                .par_iter()
                .map(|p| source::read_folder_file(p, ctx.options.max_file_size))
                .collect()
        }
    };
    let report = check::check(&ctx, files);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let summary = Summary::of(report.files.len(), &report.diagnostics);
    let mut out = io::stdout().lock();
    render::render(
        &mut out,
        args.format,
        &report.diagnostics,
        &report.sources(),
        summary,
        Style { color },
    )?;
    out.flush()?;
    Ok(if report.has_errors() {
        Status::Findings
    } else {
        Status::Clean
    })
}
