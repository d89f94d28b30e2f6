//! The exporter end to end: fixture onboardings against expected files, each starting point of
//! checklist Figur 1, PROD against QA values, hostile names, TAK's rules on every generated
//! order, and what a run may write and remove.
//!
//! The expected files in `tests/fixtures/export/expected/` are the exporter's own output, read
//! and checked by hand; regenerate them after a deliberate change with
//! `cargo run -- export tests/fixtures/export/onboardings --out tests/fixtures/export/expected`.
//! The tests below also assert the facts that matter directly, so that a regenerated file
//! cannot hide a wrong value.

use std::fs;
use std::path::{Path, PathBuf};

use nkrr_onboard::catalog::Catalogue;
use nkrr_onboard::check::{self, Context, Options};
use nkrr_onboard::export::sync::{self, Change};
use nkrr_onboard::export::{self, ExportFile, Templates};
use nkrr_onboard::model::Onboarding;
use nkrr_onboard::plan::tak::{self, Known, Stamp, TakOrder};
use nkrr_onboard::source;

const FIXTURES: &str = "tests/fixtures/export/onboardings";
const EXPECTED: &str = "tests/fixtures/export/expected";

const NEW_SYSTEM: &str = "SE2321990018-E000000000091";
const SOME_ROUTINGS: &str = "SE2321990026-E000000000092";
const ALL_IN_PLACE: &str = "SE2321990034-E000000000093";
const HOSTILE: &str = "SE2321990042-E000000000094";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The valid onboardings of a folder, as `export` reads them.
fn onboardings(dir: &str) -> Vec<Onboarding> {
    let ctx = Context::new(Options::default());
    let paths = source::collect(&[root().join(dir)]).expect("the folder exists");
    let files = paths
        .iter()
        .map(|p| source::read_folder_file(p, ctx.options.max_file_size))
        .collect();
    let report = check::check(&ctx, files);
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    report.valid_onboardings().map(|(_, o)| o.clone()).collect()
}

fn generate(dir: &str) -> Vec<ExportFile> {
    let os = onboardings(dir);
    let refs: Vec<&Onboarding> = os.iter().collect();
    let files = export::render(
        &refs,
        Catalogue::get(),
        &Templates::builtin(),
        &Stamp::default(),
    )
    .expect("the built-in templates render");
    sync::with_manifest(files)
}

fn text<'a>(files: &'a [ExportFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is not generated"));
    std::str::from_utf8(&f.bytes).expect("exports are UTF-8")
}

fn has(files: &[ExportFile], path: &str) -> bool {
    files.iter().any(|f| f.path == path)
}

fn order(files: &[ExportFile], path: &str) -> TakOrder {
    serde_json::from_str(text(files, path)).expect("a TAK order")
}

#[test]
fn fixtures_match_the_expected_files() {
    let files = generate(FIXTURES);
    let changes = sync::compare(&root().join(EXPECTED), &files);
    assert_eq!(changes, vec![], "regenerate and review {EXPECTED}");
}

#[test]
fn committed_exports_are_up_to_date() {
    let files = generate("onboardings");
    let changes = sync::compare(&root().join("exports"), &files);
    assert_eq!(
        changes,
        vec![],
        "run `nkrr-onboard export` and commit exports/"
    );
}

#[test]
fn new_system_orders_every_menu() {
    let files = generate(FIXTURES);
    let dir = format!("{NEW_SYSTEM}/qa");
    for name in [
        "administrera-systeminformation",
        "administrera-tjansteproducent",
        "administrera-tjanstekonsument",
        "nkrr-konfiguration",
    ] {
        for ext in ["md", "json", "csv"] {
            assert!(has(&files, &format!("{dir}/{name}.{ext}")), "{name}.{ext}");
        }
    }
    let sys = text(&files, &format!("{dir}/administrera-systeminformation.md"));
    assert!(sys.contains("| Systemägande organisation | Region Testnord |"));
    assert!(sys.contains("| Namn på system | Testnords journalintegration |"));
    assert!(sys.contains("| HSA-id för SITHS-certifikat | SE2321990018-T000000000910 |"));
    let o = order(&files, &format!("{dir}/tak-order.json"));
    let inc = o.inkludera.unwrap();
    assert_eq!(inc.tjanstekomponenter.len(), 1);
    assert_eq!(inc.logiskadresser.len(), 2);
    assert_eq!(inc.vagval.len(), 4, "2 contracts × 2 source systems");
    assert_eq!(
        inc.anropsbehorigheter.len(),
        5,
        "4 for NKRR, 1 engagement index"
    );
}

#[test]
fn registered_system_orders_only_what_is_missing() {
    let files = generate(FIXTURES);
    let dir = format!("{SOME_ROUTINGS}/qa");
    assert!(!has(
        &files,
        &format!("{dir}/administrera-systeminformation.md")
    ));
    let producer = text(&files, &format!("{dir}/administrera-tjansteproducent.csv"));
    // Only GetCareContacts v3 to the second source system is a new routing.
    assert_eq!(producer.lines().count(), 2, "{producer}");
    assert!(producer.contains("\"GetCareContacts\",\"3\""));
    assert!(producer.contains("\"SE2321990026-S000000000922\""));
    let consumer = text(&files, &format!("{dir}/administrera-tjanstekonsument.md"));
    assert!(consumer.contains("| GetCareContacts v3 | SE2321990026-S000000000921 |"));
    assert!(consumer.contains("| GetDiagnosis v2 | SE2321990026-S000000000921 |"));
    // NKRR may already call the second source system on GetDiagnosis v2 (matched ignoring case).
    assert!(!consumer.contains("| GetDiagnosis v2 | SE2321990026-S000000000922 |"));
    assert!(!consumer.contains("engagemangsindex"), "already connected");
    let inc = order(&files, &format!("{dir}/tak-order.json"))
        .inkludera
        .unwrap();
    assert!(inc.tjanstekomponenter.is_empty() && inc.logiskadresser.is_empty());
    assert_eq!(inc.vagval.len(), 1);
    assert_eq!(inc.anropsbehorigheter.len(), 3);
}

#[test]
fn everything_in_place_gives_an_empty_order_and_no_menus() {
    let files = generate(FIXTURES);
    let dir = format!("{ALL_IN_PLACE}/qa");
    let menus: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with(&format!("{dir}/administrera-")))
        .collect();
    assert_eq!(menus, Vec::<&str>::new());
    assert!(order(&files, &format!("{dir}/tak-order.json")).is_empty());
    assert!(
        text(&files, &format!("{ALL_IN_PLACE}/checklist.md"))
            .contains("- Inget: allt finns redan på plats.")
    );
}

#[test]
fn prod_has_prod_values_and_qa_has_qa_values() {
    let files = generate(FIXTURES);
    let qa = order(&files, &format!("{SOME_ROUTINGS}/qa/tak-order.json"));
    let prod = order(&files, &format!("{SOME_ROUTINGS}/prod/tak-order.json"));
    assert_eq!(qa.plattform, "NTJP-QA");
    assert_eq!(prod.plattform, "NTJP-PROD");
    let consumers = |o: &TakOrder| -> Vec<String> {
        o.inkludera
            .as_ref()
            .unwrap()
            .anropsbehorigheter
            .iter()
            .map(|a| a.tjanstekonsument.clone())
            .collect()
    };
    assert!(
        consumers(&qa)
            .iter()
            .all(|c| c == "SE2321000131-S000000015598")
    );
    assert!(consumers(&prod).contains(&"SE2321000131-S000000015597".to_owned()));
    assert!(!consumers(&prod).contains(&"SE2321000131-S000000015598".to_owned()));
    let prod_consumer = text(
        &files,
        &format!("{SOME_ROUTINGS}/prod/administrera-tjanstekonsument.md"),
    );
    assert!(prod_consumer.contains("Producent för interaktionen är HSASERVICES-106J"));
    let prod_producer = text(
        &files,
        &format!("{SOME_ROUTINGS}/prod/administrera-tjansteproducent.md"),
    );
    assert!(prod_producer.contains(
        "| SE2321000131-S000000015597 | Västra Götalandsregionen – nkrr.registercentrum.se – Nationell tjänst GetFormData |"
    ));
    assert!(prod_producer.contains("https://rtp.testvast.example/"));
    let qa_consumer = text(
        &files,
        &format!("{NEW_SYSTEM}/qa/administrera-tjanstekonsument.md"),
    );
    assert!(qa_consumer.contains("Producent för interaktionen är T-SERVICES-SE165565594230-1023"));
    // NKRR calls via the aggregating service in PROD, the source systems when QA tests direct.
    let nkrr_prod = text(
        &files,
        &format!("{SOME_ROUTINGS}/prod/nkrr-konfiguration.md"),
    );
    assert!(nkrr_prod.contains("| GetCareContacts v3 | 5565594230 | Inera |"));
    assert!(!nkrr_prod.contains("Vitlistning"), "QA only");
    let nkrr_qa = text(&files, &format!("{SOME_ROUTINGS}/qa/nkrr-konfiguration.md"));
    assert!(
        nkrr_qa
            .contains("| GetCareContacts v3 | SE2321990026-S000000000921 | Journalen Testväst |")
    );
    assert!(nkrr_qa.contains("| SE2321000131-S000000013481 | ☒ |"));
    assert!(nkrr_qa.contains("| 191212121212 | Tolvan Tolvansson | 2026-01-20, 2026-02-11 |"));
}

#[test]
fn hostile_names_stay_text() {
    let files = generate(FIXTURES);
    let dir = format!("{HOSTILE}/qa");
    let csv = text(&files, &format!("{dir}/administrera-systeminformation.csv"));
    assert!(
        csv.contains("Vårdgivare,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"klick\"\")\"\n")
    );
    assert!(csv.contains("Systemägande organisation,\"| x |\"\n"));
    let nkrr_csv = text(&files, &format!("{dir}/nkrr-konfiguration.csv"));
    assert!(nkrr_csv.contains(",\"'@SUM(A1)\","));
    assert!(nkrr_csv.contains(",\"'+46 10 123 45 67\""));
    let md = text(&files, &format!("{dir}/administrera-systeminformation.md"));
    assert!(md.contains("| Systemägande organisation | \\| x \\| |"));
    assert!(md.contains("| Namn på system | &lt;script&gt;alert(1)&lt;/script&gt; |"));
    assert!(!md.contains("<script>"));
    let producer = text(&files, &format!("{dir}/administrera-tjansteproducent.md"));
    assert!(producer.contains("| A &amp; B \\[länk\\](https://evil.example) \\*fet\\* \\\\ |"));
    let checklist = text(&files, &format!("{HOSTILE}/checklist.md"));
    assert!(checklist.contains("| ☒ | 2026-01-12 | rad ett<br>rad två \\| x |"));
    assert!(checklist.contains("Leverantör: -2+3."));
    // JSON keeps the value as written; serde escapes it.
    let json: serde_json::Value = serde_json::from_str(text(
        &files,
        &format!("{dir}/administrera-systeminformation.json"),
    ))
    .unwrap();
    assert_eq!(json["system"]["system_name"], "<script>alert(1)</script>");
    assert_eq!(
        json["care_provider"]["name"],
        "=HYPERLINK(\"https://evil.example\",\"klick\")"
    );
    // Every Markdown table row keeps its number of cells.
    for f in files
        .iter()
        .filter(|f| f.path.starts_with(HOSTILE) && f.path.ends_with(".md"))
    {
        let t = std::str::from_utf8(&f.bytes).unwrap();
        let mut width = None;
        for line in t.lines() {
            if !line.starts_with('|') {
                width = None;
                continue;
            }
            let cells = line.replace("\\|", "").matches('|').count();
            assert_eq!(*width.get_or_insert(cells), cells, "{}: {line}", f.path);
        }
    }
}

/// TAK's rules on an order file, against what the onboarding says exists.
fn check_orders(files: &[(String, String)], onboardings: &[Onboarding]) -> usize {
    let cat = Catalogue::get();
    let mut n = 0;
    for (path, json) in files.iter().filter(|(p, _)| p.ends_with("/tak-order.json")) {
        let mut parts = path.split('/');
        let (id, env) = (parts.next().unwrap(), parts.next().unwrap());
        let o = onboardings
            .iter()
            .find(|o| o.care_provider.hsa_id.as_str() == id)
            .unwrap_or_else(|| panic!("{path}: no onboarding {id}"));
        let plan = nkrr_onboard::plan::plans(o, cat)
            .into_iter()
            .find(|p| p.env.key() == env)
            .unwrap();
        let order: TakOrder = serde_json::from_str(json).expect("a TAK order");
        let problems = tak::check(&order, &Known::for_plan(&plan, cat));
        assert!(problems.is_empty(), "{path}:\n{problems:#?}");
        n += 1;
    }
    n
}

fn read_tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    out
}

#[test]
fn every_tak_order_passes_taks_rules() {
    let as_pairs = |fs: Vec<ExportFile>| -> Vec<(String, String)> {
        fs.into_iter()
            .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
            .collect()
    };
    let fixtures = onboardings(FIXTURES);
    let examples = onboardings("onboardings");
    assert_eq!(check_orders(&as_pairs(generate(FIXTURES)), &fixtures), 5);
    assert_eq!(
        check_orders(&as_pairs(generate("onboardings")), &examples),
        5
    );
    // The files on disk, committed and expected.
    assert_eq!(
        check_orders(&read_tree(&root().join("exports")), &examples),
        5
    );
    assert_eq!(
        check_orders(&read_tree(&root().join(EXPECTED)), &fixtures),
        5
    );
    // With a timestamp too.
    let os: Vec<&Onboarding> = fixtures.iter().collect();
    let stamp = Stamp {
        time: Some("2026-03-05T09:00:00+0000".into()),
    };
    let stamped = export::render(&os, Catalogue::get(), &Templates::builtin(), &stamp).unwrap();
    let stamped = as_pairs(stamped);
    assert!(
        stamped
            .iter()
            .any(|(_, t)| t.contains("\"genomforandeTidpunkt\": \"2026-03-05T09:00:00+0000\""))
    );
    assert_eq!(check_orders(&stamped, &fixtures), 5);
}

#[test]
fn a_run_is_reproducible_and_removes_only_its_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("exports");
    let files = generate(FIXTURES);
    let first = sync::apply(&out, &files).unwrap();
    assert_eq!(first.len(), files.len());
    assert!(first.iter().all(|c| matches!(c, Change::New(_))));
    assert_eq!(
        sync::apply(&out, &files).unwrap(),
        vec![],
        "a second run changes nothing"
    );

    // Files the tool did not write, even with names it could have written.
    fs::write(out.join("notes.txt"), "mine").unwrap();
    fs::write(
        out.join(NEW_SYSTEM).join("qa").join("egna-anteckningar.md"),
        "mine",
    )
    .unwrap();
    fs::create_dir_all(out.join("SE2321990099-E000000000999/qa")).unwrap();
    fs::write(
        out.join("SE2321990099-E000000000999/qa/tak-order.json"),
        "{}",
    )
    .unwrap();

    // The new system's vårdgivare is gone from the onboardings.
    let fewer: Vec<ExportFile> = sync::with_manifest(
        files
            .iter()
            .filter(|f| !f.path.starts_with(NEW_SYSTEM) && f.path != sync::MANIFEST)
            .cloned()
            .collect(),
    );
    let check = sync::compare(&out, &fewer);
    let removed: Vec<&str> = check
        .iter()
        .filter(|c| matches!(c, Change::Removed(_)))
        .map(Change::path)
        .collect();
    assert_eq!(removed.len(), 14, "{removed:#?}");
    assert!(removed.iter().all(|p| p.starts_with(NEW_SYSTEM)));
    assert!(check.contains(&Change::Changed(sync::MANIFEST.into())));
    // `compare` wrote nothing.
    assert!(out.join(NEW_SYSTEM).join("checklist.md").exists());

    sync::apply(&out, &fewer).unwrap();
    assert!(!out.join(NEW_SYSTEM).join("checklist.md").exists());
    assert!(!out.join(NEW_SYSTEM).join("qa/tak-order.json").exists());
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    assert!(
        out.join(NEW_SYSTEM)
            .join("qa/egna-anteckningar.md")
            .exists(),
        "a folder with a file of mine stays"
    );
    assert!(
        out.join("SE2321990099-E000000000999/qa/tak-order.json")
            .exists(),
        "not in the manifest"
    );
    assert_eq!(sync::compare(&out, &fewer), vec![]);
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symbolic_link() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("exports");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join(NEW_SYSTEM)).unwrap();
    let err = sync::apply(&out, &generate(FIXTURES)).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn templates_can_be_overridden_one_by_one() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("administrera-systeminformation.md"),
        "System: {{ system.system_name }} ({{ system.organisation }})\n",
    )
    .unwrap();
    let t = Templates::from_dir(tmp.path()).unwrap();
    let os = onboardings(FIXTURES);
    let refs: Vec<&Onboarding> = os.iter().collect();
    let files = export::render(&refs, Catalogue::get(), &t, &Stamp::default()).unwrap();
    assert_eq!(
        text(
            &files,
            &format!("{HOSTILE}/qa/administrera-systeminformation.md")
        ),
        "System: &lt;script&gt;alert(1)&lt;/script&gt; (\\| x \\|)\n",
        "an overriding template is escaped like the built-in one"
    );
    // The others are the built-in ones.
    let builtin = generate(FIXTURES);
    assert_eq!(
        text(&files, &format!("{HOSTILE}/checklist.md")),
        text(&builtin, &format!("{HOSTILE}/checklist.md"))
    );
    fs::write(tmp.path().join("checklist.md"), "{% if %}").unwrap();
    let err = Templates::from_dir(tmp.path()).unwrap_err();
    assert!(err.starts_with("template checklist.md:"), "{err}");
}

#[test]
fn the_readme_shows_the_exports_as_they_are() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Exports").expect("an Exports section")..];
    let mut shown = 0;
    let mut rest = section;
    // Each example is "`exports/PATH`:", a blank line, then a fenced block with the whole file.
    while let Some(i) = rest.find("`exports/") {
        rest = &rest[i + 1..];
        let path = &rest[..rest.find('`').unwrap()];
        let after = &rest[path.len() + 1..];
        if !after.starts_with(":\n\n```") {
            continue;
        }
        let body = &after[after.find('\n').unwrap() + 3..];
        let body = &body[body.find('\n').unwrap() + 1..];
        let body = &body[..body.find("```\n").unwrap()];
        let file = fs::read_to_string(root().join(path)).unwrap();
        assert_eq!(body, file, "README's copy of {path}");
        shown += 1;
    }
    assert_eq!(shown, 6);
    // The checklist excerpt is a part of the file.
    let excerpt = &section[section.find("### 5.3 Beställning").unwrap()..];
    let excerpt = &excerpt[..excerpt.find("```").unwrap()];
    let checklist =
        fs::read_to_string(root().join("exports/SE2321990042-E000000000004/checklist.md")).unwrap();
    assert!(checklist.contains(excerpt));
}
