//! The exports: for each vårdgivare and environment, what to type into each menu of Inera's
//! beställningsstöd, what NKRR configures, the TAK order, and the filled-in checklist.
//!
//! This module only renders; what to order comes from [`crate::plan`]. Markdown and CSV go
//! through minijinja templates compiled into the binary (`templates/`), which a folder given
//! with `--templates` may override one by one; escaping is set per output type
//! ([`escape`]). JSON is written by serde. [`render`] returns every file in path order, as
//! bytes, so that a run is reproducible to the byte; [`sync`] compares them with an output
//! folder and writes, checks or removes.
//!
//! Layout under the output folder:
//!
//! ```text
//! README.md                                   overview: phase per environment, next step
//! <care-provider-hsa-id>/checklist.md         the checklist filled in (kap. 2–5)
//! <care-provider-hsa-id>/<qa|prod>/
//!     administrera-systeminformation.{md,json,csv}   only when the producer is not registered
//!     administrera-tjansteproducent.{md,json,csv}    only when routings are to be ordered
//!     administrera-tjanstekonsument.{md,json,csv}    only when permissions or the engagement
//!                                                    index are to be ordered
//!     nkrr-konfiguration.{md,json,csv}               NKRR's logical-address configuration
//!     tak-order.json                                 the TAK order (empty when nothing remains)
//! ```

mod docs;
pub mod escape;
pub mod sync;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::Environment;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::catalog::Catalogue;
use crate::model::Onboarding;
use crate::plan::tak::Stamp;

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("checklist.md", include_str!("../../templates/checklist.md")),
    ("overview.md", include_str!("../../templates/overview.md")),
    (
        "administrera-systeminformation.md",
        include_str!("../../templates/administrera-systeminformation.md"),
    ),
    (
        "administrera-systeminformation.csv",
        include_str!("../../templates/administrera-systeminformation.csv"),
    ),
    (
        "administrera-tjansteproducent.md",
        include_str!("../../templates/administrera-tjansteproducent.md"),
    ),
    (
        "administrera-tjansteproducent.csv",
        include_str!("../../templates/administrera-tjansteproducent.csv"),
    ),
    (
        "administrera-tjanstekonsument.md",
        include_str!("../../templates/administrera-tjanstekonsument.md"),
    ),
    (
        "administrera-tjanstekonsument.csv",
        include_str!("../../templates/administrera-tjanstekonsument.csv"),
    ),
    (
        "nkrr-konfiguration.md",
        include_str!("../../templates/nkrr-konfiguration.md"),
    ),
    (
        "nkrr-konfiguration.csv",
        include_str!("../../templates/nkrr-konfiguration.csv"),
    ),
];

/// The documents of each environment, each as `.md`, `.json` and `.csv`.
pub const DOCUMENTS: &[&str] = &[
    "administrera-systeminformation",
    "administrera-tjansteproducent",
    "administrera-tjanstekonsument",
    "nkrr-konfiguration",
];

/// The TAK order of each environment.
pub const TAK_ORDER: &str = "tak-order.json";

/// One generated file: a path relative to the output folder (`/`-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The template environment: built-in templates, optionally overridden from a folder.
pub struct Templates {
    env: Environment<'static>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Templates {
    /// The templates compiled into the binary.
    pub fn builtin() -> Templates {
        Templates::with_overrides(None)
    }

    /// The built-in templates, each replaced by the file of the same name in `dir` if there is
    /// one. An `Err` names a template that cannot be read or parsed.
    pub fn from_dir(dir: &Path) -> Result<Templates, String> {
        if !dir.is_dir() {
            return Err(format!("{} is not a folder of templates", dir.display()));
        }
        let t = Templates::with_overrides(Some(dir.to_path_buf()));
        for (name, _) in TEMPLATES {
            t.env
                .get_template(name)
                .map_err(|e| format!("template {name}: {e:#}"))?;
        }
        Ok(t)
    }

    fn with_overrides(dir: Option<PathBuf>) -> Templates {
        let mut env = Environment::new();
        let mut syntax = minijinja::syntax::SyntaxConfig::builder();
        syntax
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true);
        env.set_syntax(syntax.build().expect("the default delimiters are valid"));
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_auto_escape_callback(escape::mode_for);
        env.set_formatter(escape::formatter);
        env.add_filter("box", |done: bool| if done { "☒" } else { "☐" });
        env.set_loader(move |name| {
            if let Some(dir) = &dir {
                let path = dir.join(name);
                if TEMPLATES.iter().any(|(n, _)| *n == name) && path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::TemplateNotFound,
                            format!("cannot read {}: {e}", path.display()),
                        )
                    });
                }
            }
            Ok(TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| (*s).to_owned()))
        });
        Templates { env }
    }

    /// Renders template `name` with `ctx`.
    pub fn render<T: Serialize>(&self, name: &str, ctx: &T) -> Result<String, String> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(Value::from(Serde(ctx))))
            .map_err(|e| format!("template {name}: {e:#}"))
    }
}

/// Pretty JSON with a final newline.
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(value).expect("export documents serialise");
    s.push('\n');
    s.into_bytes()
}

/// Whether `id` can name a folder: TAK's HSA-id rule, so never `.`, `..`, `/` or `\`.
pub fn is_safe_component(id: &str) -> bool {
    (1..=255).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Every file the onboardings export to, sorted by path. An `Err` is a template that failed
/// or a care-provider HSA-id that cannot name a folder (validation rejects both first).
pub fn render(
    onboardings: &[&Onboarding],
    catalogue: &Catalogue,
    templates: &Templates,
    stamp: &Stamp,
) -> Result<Vec<ExportFile>, String> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut overview = Vec::new();
    for o in onboardings {
        let id = o.care_provider.hsa_id.as_str();
        if !is_safe_component(id) {
            return Err(format!(
                "care provider HSA-id `{id}` cannot name a folder; run `nkrr-onboard validate`"
            ));
        }
        overview.push(docs::overview_row(o));
        let checklist = docs::checklist(o, catalogue);
        files.insert(
            format!("{id}/checklist.md"),
            templates.render("checklist.md", &checklist)?.into_bytes(),
        );
        for plan in crate::plan::plans(o, catalogue) {
            let dir = format!("{id}/{}", plan.env.key());
            let mut put = |name: &str, ctx: &dyn erased::Doc| -> Result<(), String> {
                files.insert(format!("{dir}/{name}.json"), ctx.json());
                for ext in ["md", "csv"] {
                    let t = format!("{name}.{ext}");
                    files.insert(
                        format!("{dir}/{t}"),
                        ctx.render(templates, &t)?.into_bytes(),
                    );
                }
                Ok(())
            };
            if let Some(d) = docs::system_information(&plan) {
                put("administrera-systeminformation", &d)?;
            }
            if let Some(d) = docs::producer(&plan) {
                put("administrera-tjansteproducent", &d)?;
            }
            if let Some(d) = docs::consumer(&plan) {
                put("administrera-tjanstekonsument", &d)?;
            }
            let nkrr = docs::nkrr(o, plan.env, catalogue);
            put("nkrr-konfiguration", &nkrr)?;
            let order = crate::plan::tak::TakOrder::from_plan(&plan, catalogue, stamp);
            files.insert(format!("{dir}/{TAK_ORDER}"), order.to_json().into_bytes());
        }
    }
    overview.sort_by(|a, b| a.hsa_id.cmp(&b.hsa_id));
    files.insert(
        "README.md".into(),
        templates
            .render("overview.md", &docs::Overview { rows: overview })?
            .into_bytes(),
    );
    Ok(files
        .into_iter()
        .map(|(path, bytes)| ExportFile { path, bytes })
        .collect())
}

/// A document rendered both by serde (JSON) and by templates (Markdown, CSV).
mod erased {
    use super::Templates;

    pub trait Doc {
        fn json(&self) -> Vec<u8>;
        fn render(&self, t: &Templates, name: &str) -> Result<String, String>;
    }

    impl<T: serde::Serialize> Doc for T {
        fn json(&self) -> Vec<u8> {
            super::json(self)
        }
        fn render(&self, t: &Templates, name: &str) -> Result<String, String> {
            t.render(name, self)
        }
    }
}
