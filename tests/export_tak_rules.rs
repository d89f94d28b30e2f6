//! TAK's import rules, one negative test (at least) per rule: a valid order is broken in one
//! place and the checker must name exactly that rule at exactly that place.

use nkrr_onboard::catalog::Catalogue;
use nkrr_onboard::model::Env;
use nkrr_onboard::plan::tak::{Known, Rule, TakOrder, check};
use serde_json::{Value, json};

const NS: &str = "urn:riv:clinicalprocess:logistics:logistics:GetCareContactsResponder:3";

/// A valid QA order in the shape TAK's own test orders have: a new producer, a new logical
/// address, one vägval and NKRR's anropsbehörighet.
fn valid() -> Value {
    json!({
        "plattform": "NTJP-QA",
        "formatVersion": 1.0,
        "version": 1,
        "bestallningsTidpunkt": "2026-03-05T09:00:00+0000",
        "genomforandeTidpunkt": "2026-03-06T09:00:00+0100",
        "utforare": "Region Exempelland",
        "kommentar": "test",
        "inkludera": {
            "tjanstekontrakt": [{ "namnrymd": NS, "beskrivning": "GetCareContacts v3", "majorVersion": 3 }],
            "logiskadresser": [{ "hsaId": "SE2321990018-S000000000021", "beskrivning": "Journal" }],
            "tjanstekomponenter": [{ "hsaId": "SE2321990018-T000000000010", "beskrivning": "Producent" }],
            "anropsbehorigheter": [{
                "logiskAdress": "SE2321990018-S000000000021",
                "tjanstekontrakt": NS,
                "tjanstekonsument": "SE2321000131-S000000015598"
            }],
            "vagval": [{
                "adress": "https://tp.exempel.example/vp/cc/3/rivtabp21",
                "logiskAdress": "SE2321990018-S000000000021",
                "tjanstekontrakt": NS,
                "rivtaprofil": "RIVTABP21",
                "tjanstekomponent": "SE2321990018-T000000000010"
            }]
        },
        "exkludera": { "anropsbehorigheter": [], "vagval": [] }
    })
}

fn known() -> Known {
    Known::from_catalogue(Catalogue::get(), Env::Qa)
}

fn problems(v: Value) -> Vec<(Rule, String)> {
    let order: TakOrder = serde_json::from_value(v).expect("the order parses");
    check(&order, &known())
        .into_iter()
        .map(|p| (p.rule, p.path))
        .collect()
}

fn with(edit: impl FnOnce(&mut Value)) -> Vec<(Rule, String)> {
    let mut v = valid();
    edit(&mut v);
    problems(v)
}

fn one(rule: Rule, path: &str) -> Vec<(Rule, String)> {
    vec![(rule, path.to_owned())]
}

#[test]
fn the_valid_order_passes() {
    assert_eq!(problems(valid()), vec![]);
}

#[test]
fn required_fields() {
    assert_eq!(
        with(|v| v["plattform"] = json!("")),
        one(Rule::RequiredField, "/plattform")
    );
    assert_eq!(
        with(|v| v
            .as_object_mut()
            .unwrap()
            .remove("version")
            .map(drop)
            .unwrap()),
        one(Rule::RequiredField, "/version")
    );
    assert_eq!(
        with(|v| v
            .as_object_mut()
            .unwrap()
            .remove("inkludera")
            .map(drop)
            .unwrap()),
        one(Rule::RequiredField, "/inkludera")
    );
    assert_eq!(
        with(|v| v
            .as_object_mut()
            .unwrap()
            .remove("exkludera")
            .map(drop)
            .unwrap()),
        one(Rule::RequiredField, "/exkludera")
    );
    // TAK's "missing url" order: a vägval without adress.
    assert_eq!(
        with(|v| v["inkludera"]["vagval"][0]
            .as_object_mut()
            .unwrap()
            .remove("adress")
            .map(drop)
            .unwrap()),
        one(Rule::RequiredField, "/inkludera/vagval/0/adress")
    );
    // TAK's "empty address" order.
    assert_eq!(
        with(|v| v["inkludera"]["vagval"][0]["adress"] = json!("")),
        one(Rule::RequiredField, "/inkludera/vagval/0/adress")
    );
    assert_eq!(
        with(|v| v["inkludera"]["logiskadresser"][0]["beskrivning"] = json!("  ")),
        one(
            Rule::RequiredField,
            "/inkludera/logiskadresser/0/beskrivning"
        )
    );
    assert_eq!(
        with(|v| v["inkludera"]["tjanstekontrakt"][0]
            .as_object_mut()
            .unwrap()
            .remove("majorVersion")
            .map(drop)
            .unwrap()),
        one(
            Rule::RequiredField,
            "/inkludera/tjanstekontrakt/0/majorVersion"
        )
    );
    assert_eq!(
        with(|v| v["inkludera"]["vagval"][0]["rivtaprofil"] = json!("")),
        one(Rule::RequiredField, "/inkludera/vagval/0/rivtaprofil")
    );
}

#[test]
fn platform_must_be_this_taks() {
    assert_eq!(
        with(|v| v["plattform"] = json!("NTJP-PROD")),
        one(Rule::Platform, "/plattform")
    );
    assert_eq!(
        with(|v| v["plattform"] = json!("SKLTP-TEST")),
        one(Rule::Platform, "/plattform")
    );
    // Without an expected platform, any of the catalogue's is accepted, nothing else.
    let mut k = known();
    k.platform = None;
    let mut v = valid();
    v["plattform"] = json!("ntjp-prod");
    assert!(check(&serde_json::from_value(v.clone()).unwrap(), &k).is_empty());
    v["plattform"] = json!("NTJP-DEV");
    assert_eq!(
        check(&serde_json::from_value(v).unwrap(), &k)[0].rule,
        Rule::Platform
    );
}

#[test]
fn format_version_is_one() {
    assert_eq!(
        with(|v| v["formatVersion"] = json!(2.0)),
        one(Rule::FormatVersion, "/formatVersion")
    );
    assert_eq!(with(|v| v["formatVersion"] = json!(1)), vec![]);
}

#[test]
fn timestamps_have_taks_format() {
    assert_eq!(
        with(|v| v["genomforandeTidpunkt"] = json!("2026-03-06")),
        one(Rule::Timestamp, "/genomforandeTidpunkt")
    );
    assert_eq!(
        with(|v| v["bestallningsTidpunkt"] = json!("2026-03-05T09:00:00Z")),
        one(Rule::Timestamp, "/bestallningsTidpunkt")
    );
    assert_eq!(
        with(|v| v["bestallningsTidpunkt"] = json!("2026-13-05T09:00:00+0000")),
        one(Rule::Timestamp, "/bestallningsTidpunkt")
    );
}

#[test]
fn ids_follow_taks_pattern() {
    assert_eq!(
        with(|v| {
            v["inkludera"]["tjanstekomponenter"][0]["hsaId"] = json!("SE2321990018 T10");
            v["inkludera"]["vagval"][0]["tjanstekomponent"] = json!("SE2321990018 T10");
        }),
        vec![
            (
                Rule::IdPattern,
                "/inkludera/tjanstekomponenter/0/hsaId".to_owned()
            ),
            (
                Rule::IdPattern,
                "/inkludera/vagval/0/tjanstekomponent".to_owned()
            ),
        ]
    );
    assert_eq!(
        with(|v| v["inkludera"]["anropsbehorigheter"][0]["tjanstekonsument"] = json!("SE.1")),
        vec![
            (
                Rule::IdPattern,
                "/inkludera/anropsbehorigheter/0/tjanstekonsument".to_owned()
            ),
            (
                Rule::UnknownReference,
                "/inkludera/anropsbehorigheter/0/tjanstekonsument".to_owned()
            ),
        ]
    );
    // A logical address may be `*`, a component may not.
    assert_eq!(
        with(|v| {
            v["inkludera"]["logiskadresser"][0]["hsaId"] = json!("*");
            v["inkludera"]["anropsbehorigheter"][0]["logiskAdress"] = json!("*");
            v["inkludera"]["vagval"][0]["logiskAdress"] = json!("*");
        }),
        vec![]
    );
    assert_eq!(
        with(|v| {
            v["inkludera"]["tjanstekomponenter"][0]["hsaId"] = json!("*");
            v["inkludera"]["vagval"][0]["tjanstekomponent"] = json!("*");
        }),
        vec![
            (
                Rule::IdPattern,
                "/inkludera/tjanstekomponenter/0/hsaId".to_owned()
            ),
            (
                Rule::IdPattern,
                "/inkludera/vagval/0/tjanstekomponent".to_owned()
            ),
        ]
    );
}

#[test]
fn namespaces_follow_taks_pattern() {
    let bad = "urn:riv:a b:GetCareContactsResponder:3";
    assert_eq!(
        with(|v| {
            v["inkludera"]["tjanstekontrakt"][0]["namnrymd"] = json!(bad);
            v["inkludera"]["vagval"][0]["tjanstekontrakt"] = json!(bad);
            v["inkludera"]["anropsbehorigheter"][0]["tjanstekontrakt"] = json!(bad);
        }),
        vec![
            (
                Rule::NamespacePattern,
                "/inkludera/tjanstekontrakt/0/namnrymd".to_owned()
            ),
            (
                Rule::NamespacePattern,
                "/inkludera/anropsbehorigheter/0/tjanstekontrakt".to_owned()
            ),
            (
                Rule::NamespacePattern,
                "/inkludera/vagval/0/tjanstekontrakt".to_owned()
            ),
        ]
    );
}

#[test]
fn urls_follow_taks_pattern() {
    for bad in [
        "https://tp.example/vp?a=b",
        "https://tp.example/vp#x",
        "https://tp.example/v%20p",
        "http",
        "https://tp example",
    ] {
        assert_eq!(
            with(|v| v["inkludera"]["vagval"][0]["adress"] = json!(bad)),
            one(Rule::UrlPattern, "/inkludera/vagval/0/adress"),
            "{bad}"
        );
    }
}

#[test]
fn strings_are_at_most_255_characters() {
    let long = "å".repeat(256);
    assert_eq!(
        with(|v| v["kommentar"] = json!(long)),
        one(Rule::TooLong, "/kommentar")
    );
    assert_eq!(
        with(|v| v["inkludera"]["logiskadresser"][0]["beskrivning"] = json!(long)),
        one(Rule::TooLong, "/inkludera/logiskadresser/0/beskrivning")
    );
    assert_eq!(with(|v| v["kommentar"] = json!("å".repeat(255))), vec![]);
    let long_url = format!("https://{}", "a".repeat(248));
    assert_eq!(
        with(|v| v["inkludera"]["vagval"][0]["adress"] = json!(long_url)),
        vec![
            (Rule::TooLong, "/inkludera/vagval/0/adress".to_owned()),
            (Rule::UrlPattern, "/inkludera/vagval/0/adress".to_owned()),
        ]
    );
}

#[test]
fn duplicates_are_compared_ignoring_case() {
    // TAK's "duplicates" order: the same component in other case.
    assert_eq!(
        with(|v| {
            let c = v["inkludera"]["tjanstekomponenter"][0].clone();
            let mut lower = c.clone();
            lower["hsaId"] = json!("se2321990018-t000000000010");
            v["inkludera"]["tjanstekomponenter"] = json!([c, lower]);
        }),
        one(Rule::Duplicate, "/inkludera/tjanstekomponenter/1")
    );
    assert_eq!(
        with(|v| {
            let l = v["inkludera"]["logiskadresser"][0].clone();
            v["inkludera"]["logiskadresser"] = json!([l, l]);
        }),
        one(Rule::Duplicate, "/inkludera/logiskadresser/1")
    );
    assert_eq!(
        with(|v| {
            let t = v["inkludera"]["tjanstekontrakt"][0].clone();
            v["inkludera"]["tjanstekontrakt"] = json!([t, t]);
        }),
        one(Rule::Duplicate, "/inkludera/tjanstekontrakt/1")
    );
    // A vägval with the same key and another address is still a duplicate.
    assert_eq!(
        with(|v| {
            let a = v["inkludera"]["vagval"][0].clone();
            let mut b = a.clone();
            b["adress"] = json!("https://other.example/vp");
            b["tjanstekontrakt"] = json!(NS.to_uppercase());
            v["inkludera"]["vagval"] = json!([a, b]);
        }),
        one(Rule::Duplicate, "/inkludera/vagval/1")
    );
    assert_eq!(
        with(|v| {
            let a = v["inkludera"]["anropsbehorigheter"][0].clone();
            let mut b = a.clone();
            b["logiskAdress"] = json!("se2321990018-s000000000021");
            v["inkludera"]["anropsbehorigheter"] = json!([a, b]);
        }),
        one(Rule::Duplicate, "/inkludera/anropsbehorigheter/1")
    );
}

#[test]
fn duplicates_across_inkludera_and_exkludera() {
    let mut k = known();
    k.vagval
        .insert(("SE2321990018-S000000000021".to_owned(), NS.to_uppercase()));
    k.anropsbehorigheter.insert((
        "SE2321990018-S000000000021".to_owned(),
        "SE2321000131-S000000015598".to_owned(),
        NS.to_uppercase(),
    ));
    let mut v = valid();
    let mut vv = v["inkludera"]["vagval"][0].clone();
    vv.as_object_mut().unwrap().remove("adress");
    vv["logiskAdress"] = json!("se2321990018-s000000000021");
    v["exkludera"]["vagval"] = json!([vv]);
    v["exkludera"]["anropsbehorigheter"] = json!([v["inkludera"]["anropsbehorigheter"][0].clone()]);
    let got: Vec<(Rule, String)> = check(&serde_json::from_value(v).unwrap(), &k)
        .into_iter()
        .map(|p| (p.rule, p.path))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Rule::Duplicate,
                "/exkludera/anropsbehorigheter/0".to_owned()
            ),
            (Rule::Duplicate, "/exkludera/vagval/0".to_owned()),
        ]
    );
}

#[test]
fn references_must_be_in_the_order_or_known() {
    // TAK's "missing relations" order: nothing the vägval names exists.
    assert_eq!(
        with(|v| {
            v["inkludera"]["tjanstekomponenter"] = json!([]);
            v["inkludera"]["logiskadresser"] = json!([]);
        }),
        vec![
            (
                Rule::UnknownReference,
                "/inkludera/anropsbehorigheter/0/logiskAdress".to_owned()
            ),
            (
                Rule::UnknownReference,
                "/inkludera/vagval/0/logiskAdress".to_owned()
            ),
            (
                Rule::UnknownReference,
                "/inkludera/vagval/0/tjanstekomponent".to_owned()
            ),
        ]
    );
    // Catalogue contracts are known in TAK; an unknown one must be defined in the order.
    assert_eq!(
        with(|v| v["inkludera"]["tjanstekontrakt"] = json!([])),
        vec![]
    );
    let other = "urn:riv:a:b:c:UnknownContractResponder:2";
    assert_eq!(
        with(|v| v["inkludera"]["vagval"][0]["tjanstekontrakt"] = json!(other)),
        one(
            Rule::UnknownReference,
            "/inkludera/vagval/0/tjanstekontrakt"
        )
    );
    assert_eq!(
        with(|v| v["inkludera"]["vagval"][0]["rivtaprofil"] = json!("RIVTABP99")),
        one(Rule::UnknownReference, "/inkludera/vagval/0/rivtaprofil")
    );
    // The engagement index's address and NKRR's consumer are known; references are compared
    // ignoring case.
    assert_eq!(
        with(|v| {
            v["inkludera"]["anropsbehorigheter"][0]["logiskAdress"] = json!("5565594230");
            v["inkludera"]["anropsbehorigheter"][0]["tjanstekonsument"] =
                json!("se2321000131-s000000015598");
        }),
        vec![]
    );
}

#[test]
fn only_vagval_and_anropsbehorigheter_can_be_excluded() {
    assert_eq!(
        with(|v| v["exkludera"]["logiskadresser"] = json!([{ "hsaId": "X", "beskrivning": "x" }])),
        one(Rule::NotExcludable, "/exkludera/logiskadresser")
    );
    assert_eq!(
        with(|v| v["exkludera"]["tjanstekomponenter"] =
            json!([{ "hsaId": "X", "beskrivning": "x" }])),
        one(Rule::NotExcludable, "/exkludera/tjanstekomponenter")
    );
    assert_eq!(
        with(
            |v| v["exkludera"]["tjanstekontrakt"] = json!([{ "namnrymd": NS, "beskrivning": "x" }])
        ),
        one(Rule::NotExcludable, "/exkludera/tjanstekontrakt")
    );
    // Empty lists and null, as in TAK's own orders, are fine.
    assert_eq!(
        with(|v| {
            v["exkludera"]["logiskadresser"] = json!(null);
            v["exkludera"]["tjanstekontrakt"] = json!([]);
        }),
        vec![]
    );
}

#[test]
fn an_exclusion_must_exist() {
    assert_eq!(
        with(|v| {
            v["exkludera"]["vagval"] = json!([{
                "logiskAdress": "5565594230",
                "tjanstekontrakt": "urn:riv:itintegration:engagementindex:UpdateResponder:1",
                "rivtaprofil": "RIVTABP21",
                "tjanstekomponent": "T-SERVICES-SE165565594230-1023"
            }]);
        }),
        one(Rule::ExcludedUnknown, "/exkludera/vagval/0")
    );
}
