//! Placeholders left by `nkrr-onboard new`: `"<fill in: …>"` wherever only the vårdgivare can
//! supply a value.
//!
//! A placeholder breaks whatever the field demands (an HSA-id's pattern, a URL's, an e-mail's
//! format, the contract list), but reporting it as `invalid-hsa-id` would tell a user who has not
//! started yet that they made a mistake. So each placeholder is reported once as
//! `unfilled-placeholder`, with the text inside it, and every other finding at the same place is
//! dropped. Free-text fields (names) accept any string in the schema; the placeholder makes them
//! fail too, so that a file cannot pass `validate` with a placeholder left in it.

use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::yaml::{Document, escape_pointer};

/// How a placeholder starts; `new` writes `"<fill in: what>"`.
pub const PREFIX: &str = "<fill in:";

/// Whether `s` is a placeholder, and if so what it asks for.
pub fn what(s: &str) -> Option<&str> {
    let inner = s.trim().strip_prefix(PREFIX)?.strip_suffix('>')?;
    Some(inner.trim())
}

/// Replaces every finding at a placeholder's position with one `unfilled-placeholder` finding.
pub fn apply(path: &str, doc: &Document, diags: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    collect(&doc.value, &mut String::new(), &mut found);
    if found.is_empty() {
        return;
    }
    let spans: Vec<_> = found
        .iter()
        .map(|(pointer, _)| doc.positions.locate(pointer, false))
        .collect();
    diags.retain(|d| d.path != path || !d.span.is_some_and(|s| spans.contains(&s)));
    for ((pointer, what), span) in found.into_iter().zip(spans) {
        let field = field_name(&pointer);
        diags.push(
            Diagnostic::new(
                Code::UnfilledPlaceholder,
                path,
                Some(span),
                format!("`{field}` is not filled in: {what}"),
            )
            .with_label("placeholder from `nkrr-onboard new`")
            .with_help("replace the placeholder, quotes included, with the value"),
        );
    }
}

/// `/qa/contracts/0/name` → `qa.contracts[0].name`.
fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

fn collect(v: &Value, pointer: &mut String, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => {
            if let Some(w) = what(s) {
                out.push((pointer.clone(), w.to_owned()));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                collect(item, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_pointer(k));
                collect(item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_form_new_writes() {
        assert_eq!(what("<fill in: Namn på system>"), Some("Namn på system"));
        assert_eq!(what("  <fill in:x> "), Some("x"));
        assert_eq!(what("fill in: x"), None);
        assert_eq!(what("<fill in: x"), None);
        assert_eq!(what("Region <fill in: x> Norr"), None);
    }
}
