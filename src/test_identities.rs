//! Files of test identities: personnummer that belong to test persons, not real people.
//!
//! One number per line, 12 digits (`191212121212`) or with a separator (`19121212-1212`);
//! anything after the number is ignored (a name, say), and `#` starts a comment. Skatteverket
//! publishes its testpersonnummer as open data; a file made from that list can be given with
//! `--test-identities`.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::cli::Failure;
use crate::personnummer;

/// The 12-digit numbers in a test-identities file.
pub fn read(path: &Path) -> Result<HashSet<String>, Failure> {
    let text = fs::read_to_string(path).map_err(|e| {
        Failure(format!(
            "cannot read test identities {}: {e}",
            path.display()
        ))
    })?;
    parse(&text).map_err(|(line, why)| Failure(format!("{}:{line}: {why}", path.display())))
}

/// Parses the file's text; an error names the line (1-based) and what is wrong.
pub fn parse(text: &str) -> Result<HashSet<String>, (usize, String)> {
    let mut out = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some(first) = line.split_whitespace().next() else {
            continue;
        };
        let digits: String = first.chars().filter(|c| *c != '-' && *c != '+').collect();
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err((
                i + 1,
                format!(
                    "`{}` is not a 12-digit personnummer",
                    personnummer::mask(first)
                ),
            ));
        }
        if let Some(problem) = personnummer::problem(&digits) {
            return Err((
                i + 1,
                format!("`{}` is not valid: {problem}", personnummer::mask(&digits)),
            ));
        }
        out.insert(digits);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_numbers_names_and_comments() {
        let ids = parse("# test persons\n19121212-1212 Tolvan\n\n201212121212\n").unwrap();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains("191212121212"));
        assert_eq!(parse("x\n191212121219\n").unwrap_err().0, 1);
        assert_eq!(parse("191212121219\n").unwrap_err().0, 1);
    }
}
