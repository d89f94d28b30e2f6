//! `nkrr-onboard schema`: write or check `schema/onboarding.schema.json`.

use std::fs;
use std::path::PathBuf;

use super::{Outcome, Status};
use crate::schema::{SCHEMA_PATH, generate_text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 when the committed schema differs from the generated one.
    #[arg(long)]
    pub check: bool,
    /// Where the schema lives.
    #[arg(long, default_value = SCHEMA_PATH)]
    pub out: PathBuf,
}

pub fn run(args: &Args) -> Outcome {
    let generated = generate_text();
    let current = fs::read_to_string(&args.out).ok();
    if args.check {
        return Ok(match current {
            Some(c) if c == generated => {
                println!("{} is up to date", args.out.display());
                Status::Clean
            }
            Some(_) => {
                println!(
                    "{} differs from the schema the code generates; run `nkrr-onboard schema` and commit it",
                    args.out.display()
                );
                Status::Findings
            }
            None => {
                println!(
                    "{} is missing; run `nkrr-onboard schema` and commit it",
                    args.out.display()
                );
                Status::Findings
            }
        });
    }
    if current.as_deref() == Some(generated.as_str()) {
        println!("{} is up to date", args.out.display());
        return Ok(Status::Clean);
    }
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    crate::fsutil::write_atomic(&args.out, generated.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    println!("wrote {}", args.out.display());
    Ok(Status::Clean)
}
