//! `nkrr-onboard completions` and `nkrr-onboard man`: shell completions and the man page,
//! generated from the command-line definition so that they never drift from it.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Outcome, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write one page per command (`nkrr-onboard.1`, `nkrr-onboard-validate.1` …) into this
    /// folder instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Prints the completion script for `args.shell`; see the README for where to put it.
pub fn run(args: &Args) -> Outcome {
    let mut cmd = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "nkrr-onboard", &mut out);
    out.flush()?;
    Ok(Status::Clean)
}

/// Prints the main man page (roff), or writes every page into a folder.
pub fn man(args: &ManArgs) -> Outcome {
    let cmd = Cli::command();
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        clap_mangen::generate_to(cmd, dir)
            .map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
        println!("wrote the man pages into {}", dir.display());
        return Ok(Status::Clean);
    }
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    out.flush()?;
    Ok(Status::Clean)
}
