//! Schema conformance: the generated schema means the same to other validators as to ours.
//!
//! 1. The schema compiles under ajv-cli 5 (draft 2020-12, `--strict=true`, ajv-formats
//!    registered) and under check-jsonschema.
//! 2. On a corpus (the examples in `onboardings/`, `tests/conformance/valid/` and
//!    `tests/conformance/invalid/`), ajv 8, check-jsonschema and our validator report schema
//!    violations at exactly the instance paths each fixture declares in its
//!    `# expect: CODE at POINTER` lines (none for valid files), and our findings have exactly those
//!    codes. POINTER is the JSON Schema instance path: for a missing or unknown key, the mapping
//!    that holds it.
//!
//! YAML input: check-jsonschema reads the YAML files itself (ruamel.yaml, YAML 1.2), so it also
//! checks that an independent YAML reader sees the same values as ours. ajv reads JSON only; it is
//! given the JSON our own loader makes of each file, so that what it judges is the schema and
//! nothing else (js-yaml, which ajv-cli would use, turns unquoted dates into Date objects).
//!
//! The tools are installed from the package registries by `tests/conformance/install-tools.sh`
//! (into `target/conformance-tools`, or `$NKRR_CONFORMANCE_TOOLS`). When they are absent the test
//! says so and passes, unless `NKRR_CONFORMANCE_REQUIRED=1`, which `.ci/run` sets after installing
//! them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use nkrr_onboard::schema::{SchemaValidator, generate, generate_text};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

struct Tools {
    ajv_cli: PathBuf,
    node_modules: PathBuf,
    check_jsonschema: PathBuf,
}

fn tools() -> Option<Tools> {
    let dir = std::env::var_os("NKRR_CONFORMANCE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(ROOT).join("target/conformance-tools"));
    let t = Tools {
        ajv_cli: dir.join("node_modules/.bin/ajv"),
        node_modules: dir.join("node_modules"),
        check_jsonschema: dir.join("venv/bin/check-jsonschema"),
    };
    let present = t.ajv_cli.exists()
        && t.node_modules.join("ajv-formats").exists()
        && t.check_jsonschema.exists();
    let required = std::env::var("NKRR_CONFORMANCE_REQUIRED").is_ok_and(|v| v == "1");
    match (present, required) {
        (true, _) => Some(t),
        (false, true) => panic!(
            "NKRR_CONFORMANCE_REQUIRED=1 but ajv-cli, ajv-formats or check-jsonschema is missing in {}; run tests/conformance/install-tools.sh",
            dir.display()
        ),
        (false, false) => {
            eprintln!(
                "skipping the schema conformance test: ajv-cli, ajv-formats and check-jsonschema are not installed in {} (run tests/conformance/install-tools.sh, as .ci/run does)",
                dir.display()
            );
            None
        }
    }
}

/// A corpus file with what it should violate.
struct Fixture {
    path: PathBuf,
    /// The instance paths of the expected violations.
    paths: BTreeSet<String>,
    /// The expected finding codes, with repetition.
    codes: Vec<String>,
    /// Our loader's JSON of the file.
    json: Value,
    /// Our findings' codes.
    our_codes: Vec<String>,
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn load(path: PathBuf, validator: &SchemaValidator) -> Fixture {
    let text = std::fs::read_to_string(&path).unwrap();
    let mut paths = BTreeSet::new();
    let mut codes = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# expect: ") {
            let (code, pointer) = rest
                .split_once(" at ")
                .unwrap_or_else(|| panic!("{}: `# expect: CODE at POINTER`", path.display()));
            codes.push(code.trim().to_owned());
            paths.insert(pointer.trim().to_owned());
        }
    }
    codes.sort();
    let (doc, issues) = nkrr_onboard::yaml::parse(&text);
    assert!(
        issues.is_empty(),
        "{}: YAML issues {issues:?}",
        path.display()
    );
    let doc = doc.unwrap();
    let mut our_codes: Vec<String> = validator
        .check(&path.display().to_string(), &text, &doc)
        .iter()
        .map(|d| d.code.name().to_owned())
        .collect();
    our_codes.sort();
    Fixture {
        path,
        paths,
        codes,
        json: doc.value,
        our_codes,
    }
}

/// `$.qa.contracts[0].url` → `/qa/contracts/0/url`.
fn pointer_of_jsonpath(p: &str) -> String {
    let mut out = String::new();
    let rest = p.strip_prefix('$').unwrap_or(p);
    for part in rest.split('.').filter(|s| !s.is_empty()) {
        let mut segs = part.split('[');
        if let Some(key) = segs.next().filter(|k| !k.is_empty()) {
            out.push('/');
            out.push_str(key);
        }
        for idx in segs {
            out.push('/');
            out.push_str(idx.trim_end_matches(']'));
        }
    }
    out
}

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn other_validators_agree_with_ours() {
    let Some(tools) = tools() else { return };
    let work = tempfile::tempdir().unwrap();
    let schema_path = work.path().join("onboarding.schema.json");
    std::fs::write(&schema_path, generate_text()).unwrap();
    // The committed schema is what editors use; it must be what was tested.
    assert_eq!(
        std::fs::read_to_string(Path::new(ROOT).join("schema/onboarding.schema.json")).unwrap(),
        generate_text(),
        "schema/onboarding.schema.json is out of date; run `nkrr-onboard schema`"
    );

    // 1. It compiles under ajv in strict mode, with the formats registered.
    let (ok, stdout, stderr) = run(Command::new(&tools.ajv_cli).args([
        "compile",
        "--spec=draft2020",
        "--strict=true",
        "-c",
        "ajv-formats",
        "-s",
        schema_path.to_str().unwrap(),
    ]));
    assert!(
        ok,
        "ajv-cli compile --strict=true failed:\n{stdout}{stderr}"
    );

    // 2. The corpus.
    let validator = SchemaValidator::new();
    let mut fixtures: Vec<Fixture> = ["onboardings", "tests/conformance/valid"]
        .iter()
        .flat_map(|d| yaml_files(d))
        .chain(yaml_files("tests/conformance/invalid"))
        .map(|p| load(p, &validator))
        .collect();
    let invalid = fixtures.iter().filter(|f| !f.paths.is_empty()).count();
    assert!(
        invalid >= 15,
        "the invalid corpus has only {invalid} files with expectations"
    );
    for f in &fixtures {
        let in_invalid = f.path.parent().is_some_and(|d| d.ends_with("invalid"));
        assert_eq!(
            in_invalid,
            !f.paths.is_empty(),
            "{}: an invalid fixture needs `# expect:` lines, a valid one none",
            f.path.display()
        );
    }

    // ajv, on our loader's JSON.
    let mut json_files = Vec::new();
    for (i, f) in fixtures.iter().enumerate() {
        let p = work.path().join(format!("{i}.json"));
        std::fs::write(&p, serde_json::to_string(&f.json).unwrap()).unwrap();
        json_files.push(p);
    }
    let script = Path::new(ROOT).join("tests/conformance/ajv-validate.js");
    let (ok, stdout, stderr) = run(Command::new("node")
        .env("NODE_PATH", &tools.node_modules)
        .arg(&script)
        .arg(&schema_path)
        .args(&json_files));
    assert!(ok, "ajv-validate.js failed:\n{stderr}");
    let ajv: BTreeMap<String, Vec<Value>> = serde_json::from_str(&stdout).unwrap();

    // check-jsonschema, on the YAML files.
    let (_, stdout, stderr) = run(Command::new(&tools.check_jsonschema)
        .args(["--schemafile", schema_path.to_str().unwrap(), "-o", "json"])
        .args(fixtures.iter().map(|f| &f.path)));
    let cj: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("check-jsonschema output is not JSON ({e}):\n{stdout}{stderr}"));
    assert!(
        cj["parse_errors"].as_array().is_none_or(Vec::is_empty),
        "check-jsonschema could not read some files: {}",
        cj["parse_errors"]
    );
    let mut cj_paths: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for e in cj["errors"].as_array().into_iter().flatten() {
        cj_paths
            .entry(PathBuf::from(e["filename"].as_str().unwrap()))
            .or_default()
            .insert(pointer_of_jsonpath(e["path"].as_str().unwrap()));
    }

    // Our engine's instance paths, with the options the pipeline uses.
    let engine = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&generate())
        .unwrap();

    let mut disagreements = Vec::new();
    for (i, f) in fixtures.iter_mut().enumerate() {
        let name = f
            .path
            .strip_prefix(ROOT)
            .unwrap_or(&f.path)
            .display()
            .to_string();
        let ours: BTreeSet<String> = engine
            .iter_errors(&f.json)
            .map(|e| e.instance_path().as_str().to_owned())
            .collect();
        let by_ajv: BTreeSet<String> = ajv[json_files[i].to_str().unwrap()]
            .iter()
            .map(|e| e["instancePath"].as_str().unwrap().to_owned())
            .collect();
        let by_cj = cj_paths.remove(&f.path).unwrap_or_default();
        for (who, got) in [
            ("ours", &ours),
            ("ajv", &by_ajv),
            ("check-jsonschema", &by_cj),
        ] {
            if *got != f.paths {
                disagreements.push(format!(
                    "{name}: {who} reports {got:?}, expected {:?}",
                    f.paths
                ));
            }
        }
        if f.our_codes != f.codes {
            disagreements.push(format!(
                "{name}: our findings have codes {:?}, expected {:?}",
                f.our_codes, f.codes
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "the validators disagree:\n{}",
        disagreements.join("\n")
    );
    eprintln!(
        "schema conformance: {} files ({invalid} invalid) agree under ajv, check-jsonschema and ours",
        fixtures.len()
    );
}

#[test]
fn jsonpaths_become_pointers() {
    assert_eq!(pointer_of_jsonpath("$"), "");
    assert_eq!(pointer_of_jsonpath("$.care_provider"), "/care_provider");
    assert_eq!(
        pointer_of_jsonpath("$.test.patients[0].form_dates"),
        "/test/patients/0/form_dates"
    );
}

/// Editors show a field's title, description and examples while typing: every field has all
/// three, every example is valid for its field, and every value of an enum is described.
#[test]
fn every_field_is_documented_with_valid_examples() {
    let schema = generate();
    let defs = schema["$defs"].as_object().unwrap().clone();
    let mut owners: Vec<(String, &Value)> = vec![("Onboarding".into(), &schema)];
    owners.extend(defs.iter().map(|(k, v)| (k.clone(), v)));
    let mut problems = Vec::new();
    let mut fields = 0;
    for (owner, def) in &owners {
        for branch in def["oneOf"].as_array().into_iter().flatten() {
            if branch.get("const").is_some() && branch.get("description").is_none() {
                problems.push(format!(
                    "{owner}: enum value {} has no description",
                    branch["const"]
                ));
            }
        }
        let Some(props) = def["properties"].as_object() else {
            continue;
        };
        for (name, prop) in props {
            fields += 1;
            for key in ["title", "description", "examples"] {
                if prop.get(key).is_none() {
                    problems.push(format!("{owner}.{name} has no {key}"));
                }
            }
            let mut field_schema = prop.clone();
            field_schema["$defs"] = Value::Object(defs.clone());
            let validator = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&field_schema)
                .unwrap();
            for example in prop["examples"].as_array().into_iter().flatten() {
                for e in validator.iter_errors(example) {
                    problems.push(format!("{owner}.{name}: example {example} is invalid: {e}"));
                }
            }
        }
    }
    assert!(fields > 50, "only {fields} fields found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// VS Code maps the onboardings to the committed schema and recommends the YAML extension, and
/// every example carries the modeline that other editors use.
#[test]
fn editors_find_the_schema() {
    let read = |p: &str| std::fs::read_to_string(Path::new(ROOT).join(p)).unwrap();
    let settings: Value = serde_json::from_str(&read(".vscode/settings.json")).unwrap();
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    let globs = &schemas["./schema/onboarding.schema.json"];
    assert!(
        globs
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "onboardings/*.yaml")
    );
    assert!(
        Path::new(ROOT)
            .join("schema/onboarding.schema.json")
            .is_file()
    );
    let extensions: Value = serde_json::from_str(&read(".vscode/extensions.json")).unwrap();
    assert!(
        extensions["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "redhat.vscode-yaml")
    );
    for f in yaml_files("onboardings") {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/onboarding.schema.json\n"),
            "{} has no schema modeline on its first line",
            f.display()
        );
    }
}
