//! Rules about files as a whole: the file name is the care provider's HSA-id, and no two files
//! describe the same care provider (compared case-insensitively, as TAK compares HSA-ids).

use std::collections::HashMap;
use std::path::Path;

use super::FileCtx;
use crate::check::CheckedFile;
use crate::diag::{Code, Diagnostic, Related};
use crate::model::Onboarding;

const HSA_ID: &str = "/care_provider/hsa_id";

pub fn check_file_name(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    let id = o.care_provider.hsa_id.as_str();
    let stem = file_stem(ctx.path);
    if stem != id {
        ctx.report(
            Code::FileNameMismatch,
            HSA_ID,
            format!("the file is named `{stem}` but the care provider is `{id}`"),
        )
        .set_help(format!("name the file `{id}.yaml`"));
    }
}

/// The file name without folder (or `REV:` prefix) and extension.
pub fn file_stem(name: &str) -> &str {
    let path = name
        .split_once(':')
        .map_or(name, |(_, p)| if p.is_empty() { name } else { p });
    let base = Path::new(path)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(path);
    base.rsplit_once('.').map_or(base, |(s, _)| s)
}

pub fn check_duplicates(files: &[CheckedFile]) -> Vec<Diagnostic> {
    let mut first: HashMap<String, &CheckedFile> = HashMap::new();
    let mut out = Vec::new();
    for f in files {
        let (Some(o), Some(doc)) = (&f.onboarding, &f.doc) else {
            continue;
        };
        let key = o.care_provider.hsa_id.as_str().to_ascii_uppercase();
        match first.get(&key) {
            None => {
                first.insert(key, f);
            }
            Some(prev) => {
                let span = doc.positions.locate(HSA_ID, false);
                let prev_span = prev.doc.as_ref().map(|d| d.positions.locate(HSA_ID, false));
                let mut d = Diagnostic::new(
                    Code::DuplicateCareProvider,
                    &f.name,
                    Some(span),
                    format!(
                        "care provider `{}` is also described in `{}`",
                        o.care_provider.hsa_id, prev.name
                    ),
                );
                if let Some(s) = prev_span {
                    d = d.with_related(Related {
                        path: prev.name.clone(),
                        span: s,
                        message: "first described here".into(),
                    });
                }
                out.push(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn stems() {
        assert_eq!(file_stem("onboardings/SE1-A.yaml"), "SE1-A");
        assert_eq!(file_stem("HEAD~1:onboardings/SE1-A.yml"), "SE1-A");
        assert_eq!(file_stem("x"), "x");
    }
}
