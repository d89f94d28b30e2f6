//! `diff` between two committed states of a temporary repository: the review's JSON for each
//! kind of change a pull request makes, and its exit code.

mod gitrepo;

use std::process::Command;

use gitrepo::{NORRSUND, SJOLAND, TestRepo, example, path_of};
use serde_json::{Value, json};

const QA_NKRR: &str = "SE2321000131-S000000015598";
const CARE_CONTACTS: &str =
    "urn:riv:clinicalprocess:logistics:logistics:GetCareContactsResponder:3";
const DIAGNOSIS: &str = "urn:riv:clinicalprocess:healthcond:description:GetDiagnosisResponder:2";
const OBSERVATIONS: &str = "urn:riv:clinicalprocess:healthcond:basic:GetObservationsResponder:2";

/// Commits `base` and then `head` (path → text), and runs `diff --base base --head head
/// --format json`; returns the exit code and the JSON.
fn review(base: &[(&str, &str)], head: &[(&str, &str)]) -> (i32, Value) {
    let r = TestRepo::new();
    let b = r.commit_files("base", base);
    r.tag("base", b);
    let h = r.commit_files("head", head);
    r.tag("head", h);
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .args([
            "diff", "--base", "base", "--head", "head", "--format", "json",
        ])
        .current_dir(r.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    let value = serde_json::from_slice(&out.stdout).expect("the review is JSON");
    (out.status.code().unwrap(), value)
}

fn norrsund() -> String {
    example(NORRSUND)
}

/// The one vårdgivare in the review.
fn only(v: &Value) -> &Value {
    let list = v["onboardings"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{v:#}");
    &list[0]
}

fn qa(o: &Value) -> &Value {
    o["environments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["env"] == "qa")
        .expect("a QA delta")
}

const SOURCE_SYSTEMS: &str = "  source_systems:
    - hsa_id: SE2321990018-S000000000021
      name: Norrjournal, Region Norrsund
";

#[test]
fn a_source_system_added_orders_new_vagval_and_anropsbehorigheter() {
    let base = norrsund();
    let head = base.replace(
        SOURCE_SYSTEMS,
        &format!("{SOURCE_SYSTEMS}    - hsa_id: SE2321990018-S000000000022\n      name: Norrlab\n"),
    );
    let p = path_of(NORRSUND);
    let (code, v) = review(&[(&p, &base)], &[(&p, &head)]);
    assert_eq!(code, 0);
    let o = only(&v);
    assert_eq!(o["status"], "modified");
    assert_eq!(
        o["changes"],
        json!([{ "kind": "source_system_added", "env": "qa",
                 "hsa_id": "SE2321990018-S000000000022", "name": "Norrlab" }])
    );
    let tak = &qa(o)["tak"];
    assert_eq!(tak["plattform"], "NTJP-QA");
    let new = "SE2321990018-S000000000022";
    let inc = &tak["inkludera"];
    assert_eq!(
        inc["logiskadresser"],
        json!([{ "hsaId": new, "beskrivning": "Norrlab" }])
    );
    // One vägval and one anropsbehörighet per contract for the new source system, nothing else.
    let vagval: Vec<(&str, &str)> = inc["vagval"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["logiskAdress"].as_str().unwrap(),
                x["tjanstekontrakt"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        vagval,
        vec![(new, OBSERVATIONS), (new, DIAGNOSIS), (new, CARE_CONTACTS)]
    );
    assert_eq!(
        inc["vagval"][2]["tjanstekomponent"],
        "SE2321990018-T000000000010"
    );
    assert_eq!(inc["vagval"][2]["rivtaprofil"], "RIVTABP21");
    let permissions: Vec<(&str, &str, &str)> = inc["anropsbehorigheter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["logiskAdress"].as_str().unwrap(),
                x["tjanstekontrakt"].as_str().unwrap(),
                x["tjanstekonsument"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        permissions,
        vec![
            (new, OBSERVATIONS, QA_NKRR),
            (new, DIAGNOSIS, QA_NKRR),
            (new, CARE_CONTACTS, QA_NKRR)
        ]
    );
    assert_eq!(
        tak["exkludera"],
        json!({ "anropsbehorigheter": [], "vagval": [] })
    );
    // The order delta: three new vägval and permissions under Administrera tjänsteproducent.
    let to_order = &qa(o)["to_order"];
    assert_eq!(to_order["routings"].as_array().unwrap().len(), 3);
    assert_eq!(
        to_order["producer_permissions"].as_array().unwrap().len(),
        3
    );
    assert!(
        qa(o)
            .get("no_longer_to_order")
            .unwrap()
            .as_object()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_contract_removed_is_excluded() {
    let base = norrsund();
    let head = base.replace(
        "    - name: GetDiagnosis v2
      url: https://tp-qa.norrsund.example/vp/clinicalprocess/healthcond/description/GetDiagnosis/2/rivtabp21
",
        "",
    );
    assert_ne!(base, head);
    let p = path_of(NORRSUND);
    let (code, v) = review(&[(&p, &base)], &[(&p, &head)]);
    assert_eq!(code, 0);
    let o = only(&v);
    assert_eq!(
        o["changes"],
        json!([{ "kind": "contract_removed", "env": "qa", "contract": "GetDiagnosis v2" }])
    );
    let tak = &qa(o)["tak"];
    let source = "SE2321990018-S000000000021";
    assert_eq!(
        tak["exkludera"],
        json!({
            "anropsbehorigheter": [{ "logiskAdress": source, "tjanstekontrakt": DIAGNOSIS, "tjanstekonsument": QA_NKRR }],
            "vagval": [{
                "adress": "https://tp-qa.norrsund.example/vp/clinicalprocess/healthcond/description/GetDiagnosis/2/rivtabp21",
                "logiskAdress": source, "tjanstekontrakt": DIAGNOSIS,
                "rivtaprofil": "RIVTABP21", "tjanstekomponent": "SE2321990018-T000000000010"
            }]
        })
    );
    assert_eq!(tak["inkludera"]["vagval"], json!([]));
    assert_eq!(tak["inkludera"]["anropsbehorigheter"], json!([]));
    let gone = &qa(o)["no_longer_to_order"]["routings"];
    assert_eq!(gone[0]["contract"]["name"], "GetDiagnosis v2");
}

#[test]
fn a_removed_source_system_keeps_a_routing_that_existed_before() {
    // The vägval to an existing source system serves Journalen too: removing the source system
    // from NKRR's onboarding removes NKRR's permission, never the vägval.
    let two = norrsund().replace(
        SOURCE_SYSTEMS,
        &format!("{SOURCE_SYSTEMS}    - hsa_id: SE2321990018-S000000000022\n      name: Norrlab\n"),
    );
    let base = two.replace(
        "      url: https://tp-qa.norrsund.example/vp/clinicalprocess/logistics/logistics/GetCareContacts/3/rivtabp21\n",
        "      url: https://tp-qa.norrsund.example/vp/clinicalprocess/logistics/logistics/GetCareContacts/3/rivtabp21\n      existing_routings: [SE2321990018-S000000000022]\n",
    );
    assert_ne!(base, two);
    let p = path_of(NORRSUND);
    let (_, v) = review(&[(&p, &base)], &[(&p, &norrsund())]);
    let exc = &qa(only(&v))["tak"]["exkludera"];
    let vagval: Vec<&str> = exc["vagval"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["tjanstekontrakt"].as_str().unwrap())
        .collect();
    assert_eq!(vagval, vec![OBSERVATIONS, DIAGNOSIS], "not GetCareContacts");
    assert_eq!(exc["anropsbehorigheter"].as_array().unwrap().len(), 3);
}

#[test]
fn a_renamed_file_is_one_vardgivare() {
    let text = norrsund();
    let (code, v) = review(
        &[(&path_of(NORRSUND), &text)],
        &[("onboardings/norrsund.yaml", &text)],
    );
    // The new name breaks the naming rule: the review reports it, and fails.
    assert_eq!(code, 1);
    let o = only(&v);
    assert_eq!(o["status"], "renamed");
    assert_eq!(o["base_file"], format!("base:{}", path_of(NORRSUND)));
    assert_eq!(o["head_file"], "head:onboardings/norrsund.yaml");
    assert_eq!(o["changes"], json!([]));
    assert_eq!(o["head_has_errors"], true);
    assert_eq!(v["findings"][0]["code"], "file-name-mismatch");
    assert_eq!(v["findings"][0]["path"], "head:onboardings/norrsund.yaml");
}

#[test]
fn a_renamed_directory_keeps_its_care_providers() {
    let text = norrsund();
    let (code, v) = review(
        &[(&path_of(NORRSUND), &text)],
        &[(&format!("onboardings/region/{NORRSUND}.yaml"), &text)],
    );
    assert_eq!(code, 0);
    let o = only(&v);
    assert_eq!(o["status"], "renamed");
    assert_eq!(o["environments"], json!([]), "a rename orders nothing");
}

#[test]
fn an_onboarding_added_and_one_deleted() {
    let (code, v) = review(
        &[(&path_of(SJOLAND), &example(SJOLAND))],
        &[(&path_of(NORRSUND), &norrsund())],
    );
    assert_eq!(code, 0);
    let list = v["onboardings"].as_array().unwrap();
    let statuses: Vec<(&str, &str)> = list
        .iter()
        .map(|o| (o["hsa_id"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses, vec![(NORRSUND, "added"), (SJOLAND, "removed")]);
    assert_eq!(v["summary"]["added"], 1);
    assert_eq!(v["summary"]["removed"], 1);
    // Added: everything is to be ordered, the producer registered, the engagement index too.
    let added = &list[0];
    let to_order = &qa(added)["to_order"];
    assert_eq!(
        to_order["system_registration"]["hsa_id"],
        "SE2321990018-T000000000010"
    );
    assert_eq!(
        to_order["engagement_index"]["consumer"]["hsa_id"],
        "SE2321990018-T000000000010"
    );
    assert_eq!(to_order["routings"].as_array().unwrap().len(), 3);
    assert_eq!(added["transitions"][0]["from"], Value::Null);
    assert_eq!(added["transitions"][0]["to"], "forstudie");
    // Deleted: both environments' vägval and permissions are excluded, nothing included.
    let removed = &list[1];
    let envs: Vec<&str> = removed["environments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["env"].as_str().unwrap())
        .collect();
    assert_eq!(envs, vec!["qa", "prod"]);
    for e in removed["environments"].as_array().unwrap() {
        let exc = &e["tak"]["exkludera"];
        assert_eq!(exc["vagval"].as_array().unwrap().len(), 2, "{e:#}");
        // Two NKRR permissions and the engagement-index permission it ordered.
        assert_eq!(
            exc["anropsbehorigheter"].as_array().unwrap().len(),
            3,
            "{e:#}"
        );
        assert_eq!(e["tak"]["inkludera"]["vagval"], json!([]));
    }
    let prod = &removed["environments"][1]["tak"];
    assert_eq!(prod["plattform"], "NTJP-PROD");
    assert!(
        prod["exkludera"]["anropsbehorigheter"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["tjanstekonsument"] == "SE2321000131-S000000015597")
    );
}

#[test]
fn a_step_marked_done_and_its_phase() {
    let base = example(SJOLAND);
    let head = base.replace(
        "    approved:
      done: false
  producer:",
        "    approved:
      done: true
      date: 2026-07-01
  producer:",
    );
    assert_ne!(base, head);
    let p = path_of(SJOLAND);
    let (code, v) = review(&[(&p, &base)], &[(&p, &head)]);
    assert_eq!(code, 0);
    let o = only(&v);
    assert_eq!(
        o["changes"],
        json!([{ "kind": "step_done", "env": "prod", "field": "prod.order.approved",
                 "label": "Beställning godkänd", "date": "2026-07-01" }])
    );
    assert_eq!(
        o["transitions"],
        json!([{ "env": "prod", "from": "bestallning", "to": "klar", "meaning": "PROD is done" }])
    );
    assert_eq!(o["environments"], json!([]), "a step orders nothing");
}

#[test]
fn the_communication_test_passing_opens_prod() {
    let text = example("SE2321990026-E000000000002");
    let p = path_of("SE2321990026-E000000000002");
    assert!(
        text.contains("communication_test:\n    done: false"),
        "{text}"
    );
    let head = text.replace(
        "communication_test:\n    done: false",
        "communication_test:\n    done: true\n    date: 2026-12-01",
    );
    let (_, v) = review(&[(&p, &text)], &[(&p, &head)]);
    let o = only(&v);
    assert_eq!(o["transitions"][0]["env"], "qa");
    assert!(
        o["transitions"][0]["meaning"]
            .as_str()
            .unwrap()
            .contains("PROD may be ordered"),
        "{o:#}"
    );
}

#[test]
fn an_invalid_head_is_reported_with_its_findings_and_exit_1() {
    let base = norrsund();
    let head = base.replace(
        "    - hsa_id: SE2321990018-S000000000021",
        "    - hsa_id: SE2321990018 S000000000021",
    );
    let broken = "care_provider: [\n";
    let p = path_of(NORRSUND);
    let (code, v) = review(
        &[(&p, &base), (&path_of(SJOLAND), &example(SJOLAND))],
        &[(&p, &head), (&path_of(SJOLAND), broken)],
    );
    assert_eq!(code, 1);
    let codes: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    let head_p = format!("head:{p}");
    let head_s = format!("head:{}", path_of(SJOLAND));
    assert!(
        codes.contains(&(head_p.as_str(), "invalid-hsa-id")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(head_s.as_str(), "yaml-syntax")),
        "{codes:?}"
    );
    let line = head
        .lines()
        .position(|l| l.contains("SE2321990018 S"))
        .unwrap()
        + 1;
    assert_eq!(v["findings"][0]["line"], line);
    let list = v["onboardings"].as_array().unwrap();
    // The invalid file is compared but orders nothing; the unreadable one is not "removed".
    assert_eq!(list[0]["head_has_errors"], true);
    assert_eq!(list[0]["environments"], json!([]));
    assert_eq!(list[1]["status"], "unreadable");
    assert_eq!(list[1]["environments"], json!([]));
    assert_eq!(v["summary"]["removed"], 0);
}

#[test]
fn findings_of_unchanged_files_are_reported_only_when_the_rules_change() {
    let bad = norrsund().replace("  name: Region Norrsund", "  nmae: Region Norrsund");
    let p = path_of(NORRSUND);
    let s = path_of(SJOLAND);
    let sjoland = example(SJOLAND);
    let changed = sjoland.replace("name: Ali Haddad", "name: Alice Haddad");
    let (code, v) = review(&[(&p, &bad), (&s, &sjoland)], &[(&p, &bad), (&s, &changed)]);
    assert_eq!((code, v["findings"].as_array().unwrap().len()), (0, 0));
    assert_eq!(v["revalidated_all"], false);
    let (code, v) = review(
        &[(&p, &bad), (&s, &sjoland), ("data/catalogue.json", "{}")],
        &[(&p, &bad), (&s, &changed), ("data/catalogue.json", "{ }")],
    );
    assert_eq!(code, 1);
    assert_eq!(v["revalidated_all"], true);
    assert_eq!(v["definitions_changed"], json!(["data/catalogue.json"]));
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["missing-key", "unknown-key"]);
}

#[test]
fn markdown_stays_within_the_limit_and_says_what_it_cut() {
    let r = TestRepo::new();
    // The base has no `onboardings/` yet: the first onboardings are reviewed against none.
    let b = r.commit_files("base", &[("README.md", "x")]);
    r.tag("base", b);
    r.commit_files(
        "head",
        &[
            (&path_of(NORRSUND), &norrsund()),
            (&path_of(SJOLAND), &example(SJOLAND)),
        ],
    );
    let run = |limit: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
            .args([
                "diff",
                "--base",
                "base",
                "--head",
                "HEAD",
                "--max-length",
                limit,
            ])
            .current_dir(r.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let full = run("65536");
    assert!(full.contains("Region Sjöland"));
    assert!(!full.contains("**Cut:**"));
    let limit = full.chars().count() - 100;
    let cut = run(&limit.to_string());
    assert!(cut.chars().count() <= limit, "{}", cut.chars().count());
    assert!(cut.contains("Region Norrsund"));
    assert!(!cut.contains("Region Sjöland"));
    assert!(
        cut.contains("**Cut:** the last 1 of 2 sections are not shown"),
        "{cut}"
    );
}

#[test]
fn a_head_without_onboardings_cannot_be_reviewed() {
    let r = TestRepo::new();
    let b = r.commit_files("base", &[(&path_of(NORRSUND), &norrsund())]);
    r.tag("base", b);
    r.commit_files("head", &[("README.md", "everything went")]);
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .args(["diff", "--base", "base", "--head", "HEAD"])
        .current_dir(r.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("error: revision `HEAD` has no `onboardings`")
    );
}

#[test]
fn hostile_names_cannot_change_the_markdown() {
    let base = norrsund();
    let head = base.replace(
        "name: Norrjournal, Region Norrsund",
        "name: \"<script>alert(1)</script> | x | [link](https://evil.example) `code`\"",
    );
    let r = TestRepo::new();
    let b = r.commit_files("base", &[(&path_of(NORRSUND), &base)]);
    r.tag("base", b);
    r.commit_files("head", &[(&path_of(NORRSUND), &head)]);
    let out = Command::new(env!("CARGO_BIN_EXE_nkrr-onboard"))
        .args(["diff", "--base", "base", "--head", "HEAD"])
        .current_dir(r.path())
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    // The value is one code span, whose delimiter outlasts its backticks: GitHub shows it as
    // text, never as HTML, a link or a table.
    let span = "`` <script>alert(1)</script> | x | [link](https://evil.example) `code` ``";
    assert!(
        md.contains(&format!(
            "changed from `Norrjournal, Region Norrsund` to {span}"
        )),
        "{md}"
    );
    assert_eq!(md.matches("<script>").count(), 1, "{md}");
    assert_eq!(md.matches("[link](").count(), 1, "{md}");
}

#[test]
fn a_changed_url_reroutes_without_excluding() {
    let base = norrsund();
    let old = "https://tp-qa.norrsund.example/vp/clinicalprocess/logistics/logistics/GetCareContacts/3/rivtabp21";
    let new = "https://tp2-qa.norrsund.example/vp/clinicalprocess/logistics/logistics/GetCareContacts/3/rivtabp21";
    let head = base.replace(old, new);
    let p = path_of(NORRSUND);
    let (_, v) = review(&[(&p, &base)], &[(&p, &head)]);
    let o = only(&v);
    assert_eq!(
        o["changes"],
        json!([{ "kind": "url_changed", "env": "qa", "contract": "GetCareContacts v3", "from": old, "to": new }])
    );
    let tak = &qa(o)["tak"];
    // TAK deactivates the old vägval when the same key is ordered with another address.
    assert_eq!(tak["inkludera"]["vagval"].as_array().unwrap().len(), 1);
    assert_eq!(tak["inkludera"]["vagval"][0]["adress"], new);
    assert_eq!(
        tak["inkludera"]["vagval"][0]["tjanstekontrakt"],
        CARE_CONTACTS
    );
    assert_eq!(tak["inkludera"]["anropsbehorigheter"], json!([]));
    assert_eq!(
        tak["exkludera"],
        json!({ "anropsbehorigheter": [], "vagval": [] })
    );
}
