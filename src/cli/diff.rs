//! `nkrr-onboard diff`: what a change to the onboardings means, for a pull-request review.

use std::io::{self, Write};
use std::path::PathBuf;

use super::validate::CommonArgs;
use super::{Outcome, Status};
use crate::check::Context;
use crate::diff::render::{self, DiffFormat, GITHUB_COMMENT_LIMIT};
use crate::diff::{self, Side};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The revision the change starts from, e.g. `origin/main` or a pull request's base commit.
    #[arg(long, value_name = "REV")]
    pub base: String,
    /// The revision with the change; the working tree when omitted.
    #[arg(long, value_name = "REV")]
    pub head: Option<String>,
    /// A folder inside the repository (default: the current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub repo: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
    /// How to print the review.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// The longest Markdown output, in characters; sections past it are cut, and the output
    /// says so.
    #[arg(long, value_name = "CHARS", default_value_t = GITHUB_COMMENT_LIMIT)]
    pub max_length: usize,
}

pub fn run(args: &Args) -> Outcome {
    let ctx = Context::new(args.common.options()?);
    let repo = diff::open(&args.repo)?;
    let max = ctx.options.max_file_size;
    let base = Side::revision(&repo, &args.base, max, true)?;
    let head = match &args.head {
        Some(rev) => Side::revision(&repo, rev, max, false)?,
        None => Side::working_tree(&repo, max)?,
    };
    let review = diff::diff(&ctx, base, head);
    let text = match args.format {
        DiffFormat::Markdown => render::markdown(&review, args.max_length),
        DiffFormat::Json => render::json(&review),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if review.has_errors() {
        Status::Findings
    } else {
        Status::Clean
    })
}
