//! The JSON Schema of the onboarding format: generated from [`crate::model`], committed in
//! `schema/onboarding.schema.json`, and used to validate every file.
//!
//! The validator is compiled once and shared across threads. Each validation error is mapped
//! back to the YAML position of its instance path (for an unknown key, the key itself), and to a
//! finding code chosen by the `$defs` entry the failing keyword sits in: a pattern failing inside
//! `HsaId` is `invalid-hsa-id`, an enum failing inside `ContractName` is `unknown-contract`.

use std::collections::HashSet;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::model::Onboarding;
use crate::model::URL_EXTRA_CHARS;
use crate::yaml::{Document, escape_pointer};

/// Where the schema is committed, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/onboarding.schema.json";

/// The schema as JSON.
pub fn generate() -> Value {
    // An omitted optional section is simply absent; `null` is not a value any field takes, so
    // `Option<T>` is generated as `T` rather than `anyOf: [T, null]` (which would also bury the
    // real error under an `anyOf`).
    let mut schema =
        serde_json::to_value(schemars::schema_for!(Onboarding)).expect("a schema is JSON");
    drop_null_branches(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$comment".into(),
            Value::String(
                "Generated from the Rust types by `nkrr-onboard schema`; do not edit by hand."
                    .into(),
            ),
        );
    }
    schema
}

/// Removes `null` from optional fields: `anyOf: [X, {"type": "null"}]` becomes `X` (keeping the
/// sibling keywords), and `type: [T, "null"]` becomes `T`.
fn drop_null_branches(v: &mut Value) {
    match v {
        Value::Object(obj) => {
            let nullable = obj
                .get("anyOf")
                .and_then(Value::as_array)
                .and_then(|branches| {
                    let is_null = |b: &Value| {
                        b.as_object().is_some_and(|o| {
                            o.len() == 1 && o.get("type") == Some(&Value::String("null".into()))
                        })
                    };
                    match branches.as_slice() {
                        [a, b] if is_null(b) => Some(a.clone()),
                        [a, b] if is_null(a) => Some(b.clone()),
                        _ => None,
                    }
                });
            if let Some(Value::Object(inner)) = nullable {
                obj.remove("anyOf");
                for (k, val) in inner {
                    obj.entry(k).or_insert(val);
                }
            }
            // `type: ["string", "null"]` → `type: "string"`.
            if let Some(Value::Array(types)) = obj.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    obj.insert("type".into(), only);
                }
            }
            obj.values_mut().for_each(drop_null_branches);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_branches),
        _ => {}
    }
}

/// The schema as the text committed to the repository.
pub fn generate_text() -> String {
    let mut text = serde_json::to_string_pretty(&generate()).expect("a schema serialises");
    text.push('\n');
    text
}

/// The compiled schema, ready to validate documents.
pub struct SchemaValidator {
    schema: Value,
    validator: Validator,
}

impl Default for SchemaValidator {
    fn default() -> Self {
        Self::new()
    }
}

impl SchemaValidator {
    /// Compiles the generated schema (draft 2020-12, formats validated).
    pub fn new() -> Self {
        let schema = generate();
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the generated schema compiles (checked by schema::tests)");
        SchemaValidator { schema, validator }
    }

    /// Validates `doc`, parsed from `text`; findings are named after `path`.
    pub fn check(&self, path: &str, text: &str, doc: &Document) -> Vec<Diagnostic> {
        // Most files are valid: a yes/no pass stops early and allocates no errors.
        if self.validator.is_valid(&doc.value) {
            return Vec::new();
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for error in self.validator.iter_errors(&doc.value) {
            for d in self.to_diagnostics(path, text, doc, &error) {
                // A date fails both `pattern` and `format`: one finding per place and code.
                if seen.insert((d.span.map(|s| (s.line, s.col)), d.code, d.message.clone())) {
                    out.push(d);
                }
            }
        }
        out
    }

    fn to_diagnostics(
        &self,
        path: &str,
        text: &str,
        doc: &Document,
        error: &ValidationError<'_>,
    ) -> Vec<Diagnostic> {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str();
        let def = definition_of(schema_path);
        let instance = error.instance();
        let at = |at_key| Some(doc.positions.locate(&pointer, at_key));
        let field = field_name(&pointer);
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let allowed = self.allowed_keys(schema_path);
                unexpected
                    .iter()
                    .map(|key| {
                        let p = format!("{pointer}/{}", escape_pointer(key));
                        let d = Diagnostic::new(
                            Code::UnknownKey,
                            path,
                            Some(doc.positions.locate(&p, true)),
                            format!("unknown key `{key}`{}", in_field(&pointer)),
                        );
                        match did_you_mean(key, allowed.iter().map(String::as_str)) {
                            Some(m) => d.with_help(format!("did you mean `{m}`?")),
                            None if !allowed.is_empty() => {
                                d.with_help(format!("keys allowed here: {}", allowed.join(", ")))
                            }
                            None => d,
                        }
                    })
                    .collect()
            }
            ValidationErrorKind::Required { property } => {
                let key = property.as_str().unwrap_or_default();
                vec![
                    Diagnostic::new(
                        Code::MissingKey,
                        path,
                        at(true),
                        format!("missing key `{key}`{}", in_field(&pointer)),
                    )
                    .with_label(format!("`{key}` is required here")),
                ]
            }
            ValidationErrorKind::Type { kind } => {
                let expected = type_words(kind);
                let node = doc.positions.get(&pointer);
                // A plain scalar is shown as written (`0755`), not as YAML read it (`755`).
                let written = node
                    .filter(|n| n.plain)
                    .and_then(|n| text.get(n.value.start..n.value.end))
                    .map(str::trim)
                    .filter(|w| !w.is_empty());
                let found = match written {
                    Some(w) if !instance.is_string() => format!("{} `{w}`", json_kind(instance)),
                    _ => describe(instance),
                };
                let mut d = Diagnostic::new(
                    Code::WrongType,
                    path,
                    at(false),
                    format!("`{field}` must be {expected}, found {found}"),
                );
                if let Some(w) =
                    written.filter(|_| expected.contains("string") && !instance.is_string())
                {
                    d = d.with_help(format!(
                        "YAML reads this unquoted value as {}; quote it to keep it text: '{w}'",
                        json_kind(instance)
                    ));
                }
                vec![d]
            }
            ValidationErrorKind::Enum { options } => {
                let choices: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let given = instance
                    .as_str()
                    .map_or_else(|| instance.to_string(), str::to_owned);
                let code = if def == Some("ContractName") {
                    Code::UnknownContract
                } else {
                    Code::InvalidValue
                };
                let what = if code == Code::UnknownContract {
                    format!("`{given}` is not a contract in the catalogue")
                } else {
                    format!("`{given}` is not an allowed value of `{field}`")
                };
                let d = Diagnostic::new(code, path, at(false), what);
                let d = match did_you_mean(&given, choices.iter().copied()) {
                    Some(m) => d.with_help(format!("did you mean `{m}`?")),
                    None => d.with_help(format!("allowed: {}", choices.join(", "))),
                };
                vec![d]
            }
            ValidationErrorKind::OneOfNotValid { .. }
                if self.const_choices(schema_path).is_some() =>
            {
                // schemars writes a documented enum as `oneOf` of `const`s, so that editors show
                // each value's description; report it as the enum it is.
                let choices = self.const_choices(schema_path).unwrap_or_default();
                let given = instance
                    .as_str()
                    .map_or_else(|| instance.to_string(), str::to_owned);
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    path,
                    at(false),
                    format!("`{given}` is not an allowed value of `{field}`"),
                );
                let d = match did_you_mean(&given, choices.iter().map(String::as_str)) {
                    Some(m) => d.with_help(format!("did you mean `{m}`?")),
                    None => d.with_help(format!("allowed: {}", choices.join(", "))),
                };
                vec![d]
            }
            ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
                let given = instance.as_str().unwrap_or_default();
                vec![shape_finding(def, path, at(false), field, given, error)]
            }
            _ => vec![Diagnostic::new(
                Code::SchemaViolation,
                path,
                at(false),
                format!("`{field}`: {}", error.masked()),
            )],
        }
    }

    /// The values of a `oneOf` whose branches are all `const`s, at keyword location `path`.
    fn const_choices(&self, keyword_path: &str) -> Option<Vec<String>> {
        let branches = self.schema.pointer(keyword_path)?.as_array()?;
        branches
            .iter()
            .map(|b| b.get("const").and_then(Value::as_str).map(str::to_owned))
            .collect()
    }

    /// The property names the schema allows at the object whose `additionalProperties` (or
    /// `unevaluatedProperties`) keyword is at `keyword_path`.
    fn allowed_keys(&self, keyword_path: &str) -> Vec<String> {
        let parent = keyword_path.rsplit_once('/').map_or("", |(p, _)| p);
        self.schema
            .pointer(&format!("{parent}/properties"))
            .and_then(Value::as_object)
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// The finding for a string of the wrong shape, by the `$defs` entry that defines the shape.
fn shape_finding(
    def: Option<&str>,
    path: &str,
    span: Option<crate::span::Span>,
    field: &str,
    given: &str,
    error: &ValidationError<'_>,
) -> Diagnostic {
    match def {
        Some("HsaId") => {
            let bad = bad_chars(given, |c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            let why = if given.is_empty() {
                "it is empty".to_owned()
            } else if given.chars().count() > 255 {
                "it is longer than 255 characters".to_owned()
            } else {
                format!("{bad} is not allowed")
            };
            Diagnostic::new(
                Code::InvalidHsaId,
                path,
                span,
                format!("invalid HSA-id `{given}`: {why}"),
            )
            .with_help("an HSA-id has only letters A-Z, digits, `-` and `_` (TAK's rule)")
        }
        Some("ProducerUrl") => {
            let bad = bad_chars(given, |c| {
                c.is_ascii_alphanumeric() || URL_EXTRA_CHARS.contains(c)
            });
            let why = if given.chars().count() < 5 {
                "it is shorter than 5 characters".to_owned()
            } else if given.chars().count() > 255 {
                "it is longer than 255 characters".to_owned()
            } else {
                format!("{bad} is not allowed")
            };
            Diagnostic::new(Code::InvalidUrl, path, span, format!("TAK would reject the URL `{given}`: {why}"))
                .with_help("an anropsadress has only letters, digits and `_ . : / ? & -`; no `=`, `%`, `#` or spaces")
        }
        Some("Date") => Diagnostic::new(
            Code::InvalidDate,
            path,
            span,
            format!("`{given}` is not a date in the form YYYY-MM-DD"),
        ),
        Some("Personnummer") => Diagnostic::new(
            Code::InvalidPersonnummer,
            path,
            span,
            format!("`{}` is not 12 digits", crate::personnummer::mask(given)),
        )
        .with_help("write the personnummer as 12 digits, YYYYMMDDNNNC, quoted"),
        Some("Email") => Diagnostic::new(
            Code::InvalidEmail,
            path,
            span,
            format!("`{given}` is not an e-mail address"),
        ),
        Some("Phone") => Diagnostic::new(
            Code::InvalidPhone,
            path,
            span,
            format!("`{given}` is not a telephone number"),
        )
        .with_help("digits, spaces and `-`, optionally starting with `+`: `010-123 45 67`"),
        _ => Diagnostic::new(
            Code::SchemaViolation,
            path,
            span,
            format!("`{field}`: {}", error.masked()),
        ),
    }
}

/// The `$defs` entry that a keyword location lies in, e.g. `HsaId` for `/$defs/HsaId/pattern`.
fn definition_of(schema_path: &str) -> Option<&str> {
    let i = schema_path.rfind("/$defs/")?;
    schema_path[i + 7..].split('/').next()
}

/// The last named segment of a pointer (`url` for `/qa/contracts/0/url`).
fn field_name(pointer: &str) -> &str {
    pointer
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("document")
}

/// ` in `qa.producer`` for messages about a key of a mapping.
fn in_field(pointer: &str) -> String {
    if pointer.is_empty() {
        " at the top level".into()
    } else {
        format!(" in `{}`", dotted(pointer))
    }
}

/// `qa.contracts[0].url` for `/qa/contracts/0/url`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

fn bad_chars(s: &str, ok: impl Fn(char) -> bool) -> String {
    let mut bad: Vec<char> = s.chars().filter(|&c| !ok(c)).collect();
    bad.dedup();
    bad.truncate(3);
    let shown: Vec<String> = bad
        .iter()
        .map(|c| match c {
            ' ' => "a space".to_owned(),
            '\t' => "a tab".to_owned(),
            c => format!("`{c}`"),
        })
        .collect();
    shown.join(", ")
}

fn type_words(kind: &TypeKind) -> String {
    let one = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "string" => "a string".to_owned(),
        "object" => "a mapping".to_owned(),
        "array" => "a list".to_owned(),
        "boolean" => "true or false".to_owned(),
        "integer" => "an integer".to_owned(),
        "number" => "a number".to_owned(),
        "null" => "empty".to_owned(),
        other => other.to_owned(),
    };
    match kind {
        TypeKind::Single(t) => one(t),
        TypeKind::Multiple(ts) => ts.iter().map(|t| one(&t)).collect::<Vec<_>>().join(" or "),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string `{s}`"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles_and_is_2020_12() {
        let s = generate();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let _ = SchemaValidator::new();
    }

    #[test]
    fn definition_and_field_names() {
        assert_eq!(definition_of("/$defs/HsaId/pattern"), Some("HsaId"));
        assert_eq!(definition_of("/properties/qa/$ref"), None);
        assert_eq!(field_name("/qa/contracts/0"), "contracts");
        assert_eq!(dotted("/qa/contracts/0/url"), "qa.contracts[0].url");
        assert_eq!(dotted("/a~1b"), "a/b");
    }
}
