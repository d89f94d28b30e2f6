//! Rules about files as a whole: the file name is the care provider's HSA-id, and no two files
//! describe the same care provider (compared case-insensitively, as TAK compares HSA-ids).

use std::collections::HashMap;
use std::path::Path;

use super::{AcrossFacts, FileCtx};
use crate::diag::{Code, Diagnostic, Related};
use crate::model::Onboarding;
use crate::span::Span;
use crate::yaml::Document;

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

/// The care provider's HSA-id as written, and where.
pub fn care_provider(o: &Onboarding, doc: &Document) -> (String, Span) {
    (
        o.care_provider.hsa_id.as_str().to_owned(),
        doc.positions.locate(HSA_ID, false),
    )
}

pub fn check_duplicates(files: &[(&str, Option<&AcrossFacts>)]) -> Vec<Diagnostic> {
    let mut first: HashMap<String, (&str, Span)> = HashMap::new();
    let mut out = Vec::new();
    for &(name, facts) in files {
        let Some(facts) = facts else {
            continue;
        };
        let (hsa_id, span) = &facts.care_provider;
        let key = hsa_id.to_ascii_uppercase();
        match first.get(&key) {
            None => {
                first.insert(key, (name, *span));
            }
            Some(&(prev_name, prev_span)) => {
                out.push(
                    Diagnostic::new(
                        Code::DuplicateCareProvider,
                        name,
                        Some(*span),
                        format!("care provider `{hsa_id}` is also described in `{prev_name}`"),
                    )
                    .with_related(Related {
                        path: prev_name.to_owned(),
                        span: prev_span,
                        message: "first described here".into(),
                    }),
                );
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
