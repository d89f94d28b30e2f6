//! Export on whatever validates: arbitrary bytes → check → every valid onboarding exported with
//! the built-in templates. The export must succeed, name only paths inside the output folder,
//! and keep its outputs well-formed whatever the values: Markdown tables keep their cells and
//! carry no HTML but `<br>`, every CSV record has the header's number of fields and no cell
//! starts a formula, every JSON file parses.

#![no_main]

mod common;

use common::{ctx, name_for};

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nkrr_onboard::catalog::Catalogue;
use nkrr_onboard::check;
use nkrr_onboard::export::{self, Templates};
use nkrr_onboard::model::Onboarding;
use nkrr_onboard::plan::tak::Stamp;
use nkrr_onboard::source::{Content, RawFile};

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(Templates::builtin)
}

/// RFC 4180 records of a CSV text.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted cell:\n{text}");
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    records.retain(|r| !(r.len() == 1 && r[0].is_empty())); // blank lines between blocks
    records
}

fuzz_target!(|data: &[u8]| {
    let report = check::check(
        ctx(),
        vec![RawFile {
            name: name_for(data),
            content: Content::Bytes(data.to_vec()),
        }],
    );
    let valid: Vec<&Onboarding> = report.valid_onboardings().map(|(_, o)| o).collect();
    if valid.is_empty() {
        return;
    }
    let files = export::render(&valid, Catalogue::get(), templates(), &Stamp::default())
        .expect("a valid onboarding exports");
    for f in &files {
        assert!(
            !f.path.starts_with('/') && !f.path.contains('\\'),
            "{}",
            f.path
        );
        for part in f.path.split('/') {
            assert!(
                !part.is_empty() && part != "." && part != "..",
                "{}",
                f.path
            );
        }
        let text = std::str::from_utf8(&f.bytes).expect("exports are UTF-8");
        if f.path.ends_with(".json") {
            serde_json::from_str::<serde_json::Value>(text).expect("JSON exports parse");
        } else if f.path.ends_with(".md") {
            assert!(
                !text.replace("<br>", "").contains('<'),
                "HTML in {}:\n{text}",
                f.path
            );
            let mut width = None;
            for line in text.lines() {
                if !line.starts_with('|') {
                    width = None;
                    continue;
                }
                let cells = line
                    .replace("\\\\", "")
                    .replace("\\|", "")
                    .matches('|')
                    .count();
                assert_eq!(*width.get_or_insert(cells), cells, "{}: {line}", f.path);
            }
        } else if f.path.ends_with(".csv") {
            let records = csv_records(text);
            let width = records.first().map_or(0, Vec::len);
            for r in &records {
                assert_eq!(r.len(), width, "{}: {r:?}", f.path);
                for cell in r {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{}: a formula cell {cell:?}",
                        f.path
                    );
                }
            }
        }
    }
});
