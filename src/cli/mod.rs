//! The command line: argument definitions and dispatch. Handlers orchestrate library calls and
//! hold no domain logic.
//!
//! Exit codes: 0 when there is no error-level finding, 1 when there is one, 2 when the tool could
//! not run (a bad flag, a missing folder, an unreadable configuration file).

mod diff;
mod explain;
mod export;
mod schema;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No error-level finding.
    Clean,
    /// At least one error-level finding (or a check that found drift).
    Findings,
}

/// The tool could not run; the message says why. Exit code 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub type Outcome = Result<Status, Failure>;

/// Onboardings of vårdgivare to NKRR, kept as YAML in git: validate them, generate their schema,
/// and explain findings.
#[derive(Debug, Parser)]
#[command(name = "nkrr-onboard", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check onboarding files: YAML, schema and the rules beyond it, with a line and column for
    /// every finding.
    Validate(validate::Args),
    /// Write the JSON Schema generated from the format's types, or check the committed one.
    Schema(schema::Args),
    /// Explain a finding code, or list them all.
    Explain(explain::Args),
    /// Write what each vårdgivare still has to order (the portal's menus, NKRR's configuration,
    /// the TAK order) and the filled-in checklist, or check that `exports/` is up to date.
    Export(export::Args),
    /// Review a change between two git revisions (or a revision and the working tree): what
    /// changed per vårdgivare, what must now be ordered, the TAK change, and the head's findings.
    Diff(diff::Args),
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    match outcome {
        Ok(Status::Clean) => ExitCode::SUCCESS,
        Ok(Status::Findings) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
