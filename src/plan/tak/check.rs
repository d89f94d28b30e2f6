//! TAK's import rules (`reference/tak/SOURCES.md`): required fields, the platform and format
//! version, timestamps, the id, namespace and URL patterns, the 255-character limit,
//! duplicates compared case-insensitively within and across `inkludera` and `exkludera`,
//! references defined in the order or known in TAK, and what `exkludera` may hold.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Exkludera, FORMAT_VERSION, Known, MAX_LEN, TakOrder};
use crate::plan::tak_key;

/// The TAK rule a problem breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A required field is missing or blank.
    RequiredField,
    /// `plattform` is not the TAK instance's (or not a platform at all).
    Platform,
    /// `formatVersion` is not 1.0.
    FormatVersion,
    /// A timestamp is not `yyyy-MM-dd'T'HH:mm:ssZ`.
    Timestamp,
    /// An HSA-id (logical address, component, consumer) breaks `[0-9A-Za-z_-]{1,255}`.
    IdPattern,
    /// A namespace breaks `[0-9A-Za-z_.:-]{1,255}`.
    NamespacePattern,
    /// An anropsadress breaks `[0-9A-Za-z_.:/?&-]{5,255}`.
    UrlPattern,
    /// A string is longer than 255 characters (TAK would cut it).
    TooLong,
    /// Two entries with the same key, compared case-insensitively.
    Duplicate,
    /// A reference to an object neither in the order nor known in TAK.
    UnknownReference,
    /// `exkludera` lists something other than vägval and anropsbehörigheter.
    NotExcludable,
    /// `exkludera` removes something not known to exist.
    ExcludedUnknown,
}

/// One broken rule, at a JSON pointer into the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub rule: Rule,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} [{:?}]", self.path, self.message, self.rule)
    }
}

struct Checker {
    out: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, rule: Rule, path: String, message: String) {
        self.out.push(Problem {
            rule,
            path,
            message,
        });
    }

    /// A required string: present, not blank, at most 255 characters.
    fn required(&mut self, path: String, value: &str) -> bool {
        if value.trim().is_empty() {
            self.push(
                Rule::RequiredField,
                path,
                "required field is missing or blank".into(),
            );
            return false;
        }
        self.length(path, value);
        true
    }

    fn length(&mut self, path: String, value: &str) {
        let n = value.trim().chars().count();
        if n > MAX_LEN {
            self.push(
                Rule::TooLong,
                path,
                format!("{n} characters, more than TAK's {MAX_LEN}"),
            );
        }
    }

    fn id(&mut self, path: String, value: &str, star_allowed: bool) {
        if !self.required(path.clone(), value) {
            return;
        }
        let v = value.trim();
        let star = star_allowed && v == "*";
        if !star && !matches_class(v, "_-", 1) {
            self.push(
                Rule::IdPattern,
                path,
                format!("`{v}` is not an HSA-id TAK accepts ([0-9A-Za-z_-]{{1,255}})"),
            );
        }
    }

    fn namespace(&mut self, path: String, value: &str) {
        if !self.required(path.clone(), value) {
            return;
        }
        let v = value.trim();
        if !matches_class(v, "_.:-", 1) {
            self.push(
                Rule::NamespacePattern,
                path,
                format!("`{v}` is not a namespace TAK accepts ([0-9A-Za-z_.:-]{{1,255}})"),
            );
        }
    }

    fn url(&mut self, path: String, value: &str) {
        if !self.required(path.clone(), value) {
            return;
        }
        let v = value.trim();
        if !matches_class(v, "_.:/?&-", 5) {
            self.push(
                Rule::UrlPattern,
                path,
                format!("`{v}` is not an anropsadress TAK accepts ([0-9A-Za-z_.:/?&-]{{5,255}})"),
            );
        }
    }

    fn reference(
        &mut self,
        path: String,
        value: &str,
        what: &str,
        defined: &HashSet<String>,
        known: &HashSet<String>,
    ) {
        let k = tak_key(value.trim());
        if k.is_empty() || k == "*" || defined.contains(&k) || known.contains(&k) {
            return;
        }
        self.push(
            Rule::UnknownReference,
            path,
            format!(
                "{what} `{}` is neither in the order nor known in TAK",
                value.trim()
            ),
        );
    }
}

/// Whether `s` has `min..=255` characters, each a letter, a digit or one of `extra`.
fn matches_class(s: &str, extra: &str, min: usize) -> bool {
    let n = s.chars().count();
    (min..=MAX_LEN).contains(&n)
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

/// `yyyy-MM-dd'T'HH:mm:ssZ`, with `Z` an RFC 822 zone such as `+0000`.
pub fn is_tak_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b[i].is_ascii_digit());
    b.len() == 24
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (b[19] == b'+' || b[19] == b'-')
        && digits(20..24)
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
        && s[11..13].parse::<u32>().unwrap_or(99) < 24
        && s[14..16].parse::<u32>().unwrap_or(99) < 60
        && s[17..19].parse::<u32>().unwrap_or(99) < 60
}

/// Applies TAK's import rules to `order`, against what is `known` to exist in TAK. Returns
/// every problem found, in the order of the document.
pub fn check(order: &TakOrder, known: &Known) -> Vec<Problem> {
    let mut c = Checker { out: Vec::new() };
    if c.required("/plattform".into(), &order.plattform) {
        let p = order.plattform.trim();
        match &known.platform {
            Some(expected) if !p.eq_ignore_ascii_case(expected) => c.push(
                Rule::Platform,
                "/plattform".into(),
                format!("`{p}` is not this TAK's platform `{expected}`"),
            ),
            None if !known.platforms.iter().any(|k| k.eq_ignore_ascii_case(p)) => c.push(
                Rule::Platform,
                "/plattform".into(),
                format!("`{p}` is not a known platform"),
            ),
            _ => {}
        }
    }
    if order.format_version != FORMAT_VERSION {
        c.push(
            Rule::FormatVersion,
            "/formatVersion".into(),
            format!(
                "format version {} is not {FORMAT_VERSION:.1}",
                order.format_version
            ),
        );
    }
    if order.version == 0 {
        c.push(
            Rule::RequiredField,
            "/version".into(),
            "the order's version is missing (or 0)".into(),
        );
    }
    for (name, value) in [
        ("bestallningsTidpunkt", &order.bestallnings_tidpunkt),
        ("genomforandeTidpunkt", &order.genomforande_tidpunkt),
    ] {
        if let Some(v) = value
            && !is_tak_timestamp(v)
        {
            c.push(
                Rule::Timestamp,
                format!("/{name}"),
                format!("`{v}` is not yyyy-MM-dd'T'HH:mm:ssZ (e.g. 2026-03-05T09:00:00+0000)"),
            );
        }
    }
    for (name, value) in [
        ("utforare", &order.utforare),
        ("kommentar", &order.kommentar),
    ] {
        if let Some(v) = value {
            c.length(format!("/{name}"), v);
        }
    }
    let Some(inc) = &order.inkludera else {
        c.push(
            Rule::RequiredField,
            "/inkludera".into(),
            "`inkludera` is missing".into(),
        );
        return c.out;
    };
    let empty = Exkludera::default();
    let exc = match &order.exkludera {
        Some(e) => e,
        None => {
            c.push(
                Rule::RequiredField,
                "/exkludera".into(),
                "`exkludera` is missing".into(),
            );
            &empty
        }
    };

    // Definitions, with their own fields and duplicates.
    let mut contracts = HashSet::new();
    for (i, t) in inc.tjanstekontrakt.iter().enumerate() {
        let p = format!("/inkludera/tjanstekontrakt/{i}");
        c.namespace(format!("{p}/namnrymd"), &t.namnrymd);
        c.required(format!("{p}/beskrivning"), &t.beskrivning);
        if t.major_version.is_none() {
            c.push(
                Rule::RequiredField,
                format!("{p}/majorVersion"),
                "required field is missing or blank".into(),
            );
        }
        duplicate(
            &mut c,
            &mut contracts,
            tak_key(t.namnrymd.trim()),
            &p,
            "tjänstekontrakt",
        );
    }
    let mut addresses = HashSet::new();
    for (i, l) in inc.logiskadresser.iter().enumerate() {
        let p = format!("/inkludera/logiskadresser/{i}");
        c.id(format!("{p}/hsaId"), &l.hsa_id, true);
        c.required(format!("{p}/beskrivning"), &l.beskrivning);
        duplicate(
            &mut c,
            &mut addresses,
            tak_key(l.hsa_id.trim()),
            &p,
            "logisk adress",
        );
    }
    let mut components = HashSet::new();
    for (i, t) in inc.tjanstekomponenter.iter().enumerate() {
        let p = format!("/inkludera/tjanstekomponenter/{i}");
        c.id(format!("{p}/hsaId"), &t.hsa_id, false);
        c.required(format!("{p}/beskrivning"), &t.beskrivning);
        duplicate(
            &mut c,
            &mut components,
            tak_key(t.hsa_id.trim()),
            &p,
            "tjänstekomponent",
        );
    }

    // Relations: fields, references, duplicates within and across inkludera and exkludera.
    let mut permission_keys: HashMap<(String, String, String), String> = HashMap::new();
    let mut routing_keys: HashMap<(String, String), String> = HashMap::new();
    for (list, perms) in [
        ("inkludera", &inc.anropsbehorigheter),
        ("exkludera", &exc.anropsbehorigheter),
    ] {
        for (i, a) in perms.iter().enumerate() {
            let p = format!("/{list}/anropsbehorigheter/{i}");
            c.id(format!("{p}/logiskAdress"), &a.logisk_adress, true);
            c.namespace(format!("{p}/tjanstekontrakt"), &a.tjanstekontrakt);
            c.id(format!("{p}/tjanstekonsument"), &a.tjanstekonsument, false);
            if list == "inkludera" {
                c.reference(
                    format!("{p}/tjanstekontrakt"),
                    &a.tjanstekontrakt,
                    "tjänstekontrakt",
                    &contracts,
                    &known.contracts,
                );
                c.reference(
                    format!("{p}/logiskAdress"),
                    &a.logisk_adress,
                    "logisk adress",
                    &addresses,
                    &known.logical_addresses,
                );
                c.reference(
                    format!("{p}/tjanstekonsument"),
                    &a.tjanstekonsument,
                    "tjänstekonsument",
                    &components,
                    &known.components,
                );
            } else if !known.anropsbehorigheter.contains(&a.key()) {
                c.push(
                    Rule::ExcludedUnknown,
                    p.clone(),
                    "the anropsbehörighet to remove is not known to exist in TAK".into(),
                );
            }
            if let Some(first) = permission_keys.get(&a.key()) {
                c.push(Rule::Duplicate, p, format!("the same anropsbehörighet (logiskAdress + tjanstekonsument + tjanstekontrakt, ignoring case) as {first}"));
            } else {
                permission_keys.insert(a.key(), p);
            }
        }
    }
    for (list, routes) in [("inkludera", &inc.vagval), ("exkludera", &exc.vagval)] {
        for (i, v) in routes.iter().enumerate() {
            let p = format!("/{list}/vagval/{i}");
            match (&v.adress, list) {
                (Some(a), _) => c.url(format!("{p}/adress"), a),
                (None, "inkludera") => {
                    c.required(format!("{p}/adress"), "");
                }
                (None, _) => {}
            }
            c.id(format!("{p}/logiskAdress"), &v.logisk_adress, true);
            c.namespace(format!("{p}/tjanstekontrakt"), &v.tjanstekontrakt);
            c.required(format!("{p}/rivtaprofil"), &v.rivtaprofil);
            c.id(format!("{p}/tjanstekomponent"), &v.tjanstekomponent, false);
            if list == "inkludera" {
                c.reference(
                    format!("{p}/tjanstekontrakt"),
                    &v.tjanstekontrakt,
                    "tjänstekontrakt",
                    &contracts,
                    &known.contracts,
                );
                c.reference(
                    format!("{p}/logiskAdress"),
                    &v.logisk_adress,
                    "logisk adress",
                    &addresses,
                    &known.logical_addresses,
                );
                c.reference(
                    format!("{p}/tjanstekomponent"),
                    &v.tjanstekomponent,
                    "tjänstekomponent",
                    &components,
                    &known.components,
                );
                c.reference(
                    format!("{p}/rivtaprofil"),
                    &v.rivtaprofil,
                    "RIV-TA profile",
                    &HashSet::new(),
                    &known.rivta_profiles,
                );
            } else if !known.vagval.contains(&v.key()) {
                c.push(
                    Rule::ExcludedUnknown,
                    p.clone(),
                    "the vägval to remove is not known to exist in TAK".into(),
                );
            }
            if let Some(first) = routing_keys.get(&v.key()) {
                c.push(
                    Rule::Duplicate,
                    p,
                    format!(
                        "the same vägval (logiskAdress + tjanstekontrakt, ignoring case) as {first}"
                    ),
                );
            } else {
                routing_keys.insert(v.key(), p);
            }
        }
    }
    for (name, list) in [
        ("tjanstekontrakt", &exc.tjanstekontrakt),
        ("logiskadresser", &exc.logiskadresser),
        ("tjanstekomponenter", &exc.tjanstekomponenter),
    ] {
        if !list.is_empty() {
            c.push(
                Rule::NotExcludable,
                format!("/exkludera/{name}"),
                format!(
                    "TAK cannot remove {name}; only vagval and anropsbehorigheter can be excluded"
                ),
            );
        }
    }
    c.out
}

fn duplicate(c: &mut Checker, seen: &mut HashSet<String>, key: String, path: &str, what: &str) {
    if key.is_empty() {
        return;
    }
    if !seen.insert(key.clone()) {
        c.push(
            Rule::Duplicate,
            path.to_owned(),
            format!("{what} `{key}` is defined twice (ignoring case)"),
        );
    }
}
