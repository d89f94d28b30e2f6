//! `nkrr-onboard new`: write the skeleton of a new onboarding, `<dir>/<HSA-id>.yaml`.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::{Failure, Outcome, Status};
use crate::check::{self, Context, Options};
use crate::diag::Code;
use crate::scaffold::{self, NewOnboarding};
use crate::schema::SCHEMA_PATH;
use crate::source::{self, DEFAULT_MAX_FILE_SIZE, ONBOARDINGS_DIR};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The vårdgivare's HSA-id, e.g. `SE2321000131-E000000000001`; also the file's name.
    #[arg(long, value_name = "ID", value_parser = parse_hsa_id)]
    pub hsa_id: String,
    /// The vårdgivare's name.
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub name: String,
    /// A system supplier ordering as agent for the vårdgivare (adds the agentavtal, 2.3).
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub supplier: Option<String>,
    /// The folder of onboardings.
    #[arg(long, value_name = "DIR", default_value = ONBOARDINGS_DIR)]
    pub dir: PathBuf,
}

fn parse_hsa_id(s: &str) -> Result<String, String> {
    scaffold::check_hsa_id(s).map(|_| s.to_owned())
}

fn non_empty(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("cannot be empty".into())
    } else {
        Ok(s.trim().to_owned())
    }
}

pub fn run(args: &Args) -> Outcome {
    if let Ok(Some(warning)) = scaffold::check_hsa_id(&args.hsa_id) {
        eprintln!("warning: {warning}");
    }
    let path = args.dir.join(format!("{}.yaml", args.hsa_id));
    if let Some(existing) = same_care_provider(&args.dir, &args.hsa_id) {
        return Err(Failure(format!(
            "{} already exists; edit it, or remove it first",
            existing.display()
        )));
    }
    fs::create_dir_all(&args.dir)
        .map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;
    let schema_path = schema_path_from(&args.dir)?;
    let text = scaffold::render(&NewOnboarding {
        hsa_id: &args.hsa_id,
        name: &args.name,
        supplier: args.supplier.as_deref(),
        schema_path: &schema_path,
    });
    // `create_new`: never overwrite, even a file created since the check above.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure(format!(
                "{} already exists; edit it, or remove it first",
                path.display()
            )),
            _ => Failure(format!("cannot write {}: {e}", path.display())),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let ctx = Context::new(Options::default());
    let report = check::check(
        &ctx,
        vec![source::read_folder_file(&path, DEFAULT_MAX_FILE_SIZE)],
    );
    let placeholders = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnfilledPlaceholder)
        .count();
    println!("wrote {}", source::display_name(&path));
    println!(
        "next: fill in its {placeholders} placeholders (`nkrr-onboard validate {}` lists them), then `nkrr-onboard status {}`",
        source::display_name(&path),
        args.hsa_id
    );
    Ok(Status::Clean)
}

/// An onboarding in `dir` named after `id`, compared case-insensitively as TAK compares HSA-ids.
fn same_care_provider(dir: &Path, id: &str) -> Option<PathBuf> {
    fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            source::is_yaml_name(p)
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.eq_ignore_ascii_case(id))
        })
}

/// The schema's path as seen from `dir`, for the modeline: `../schema/onboarding.schema.json`
/// for `onboardings/`. The schema is at the repository root, taken to be the current folder.
fn schema_path_from(dir: &Path) -> Result<String, Failure> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let dir = fs::canonicalize(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let cwd = fs::canonicalize(cwd).map_err(|e| format!("cannot read the current folder: {e}"))?;
    let common = dir
        .components()
        .zip(cwd.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = dir.components().count() - common;
    let mut rel: Vec<String> = vec!["..".to_owned(); ups];
    rel.extend(cwd.components().skip(common).filter_map(|c| match c {
        Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
        _ => None,
    }));
    rel.push(SCHEMA_PATH.to_owned());
    Ok(rel.join("/"))
}
