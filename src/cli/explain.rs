//! `nkrr-onboard explain`: the documentation of finding codes.

use super::{Failure, Outcome, Status};
use crate::diag::{Code, did_you_mean};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code to explain, e.g. `invalid-hsa-id`. Without it, every code is listed.
    pub code: Option<String>,
}

pub fn run(args: &Args) -> Outcome {
    match &args.code {
        None => {
            let width = Code::ALL.iter().map(|c| c.name().len()).max().unwrap_or(0);
            for c in Code::ALL {
                println!(
                    "{:<width$}  {:<7}  {}",
                    c.name(),
                    c.default_severity().as_str(),
                    c.summary()
                );
            }
            Ok(Status::Clean)
        }
        Some(name) => match Code::ALL.iter().find(|c| c.name() == name) {
            Some(c) => {
                println!(
                    "{} ({}): {}\n\n{}",
                    c.name(),
                    c.default_severity().as_str(),
                    c.summary(),
                    c.explanation()
                );
                Ok(Status::Clean)
            }
            None => {
                let hint = did_you_mean(name, Code::ALL.iter().map(|c| c.name()))
                    .map(|m| format!("; did you mean `{m}`?"))
                    .unwrap_or_else(|| "; `nkrr-onboard explain` lists them all".into());
                Err(Failure(format!("no finding code is named `{name}`{hint}")))
            }
        },
    }
}
