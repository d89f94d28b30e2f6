//! Swedish personnummer and samordningsnummer: validity, masking, and finding them in raw text.
//!
//! Test patients must be test identities, never real people, and no personal data may slip into
//! a repository through a comment. The check here is the one Skatteverket defines: 12 digits
//! `YYYYMMDDNNNC`, an existing date (a samordningsnummer adds 60 to the day) and a Luhn check
//! digit over the last ten digits. Reports never print a whole number: [`mask`] keeps only the
//! birth date.

/// Whether `digits` is a valid 12-digit personnummer or samordningsnummer.
pub fn is_valid(digits: &str) -> bool {
    digits.len() == 12
        && digits.bytes().all(|b| b.is_ascii_digit())
        && date_is_valid(&digits[..8])
        && luhn_ok(&digits[2..])
}

/// What is wrong with a 12-digit number, in words; `None` when it is valid.
pub fn problem(digits: &str) -> Option<&'static str> {
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        Some("it is not 12 digits")
    } else if !date_is_valid(&digits[..8]) {
        Some("its first eight digits are not a date (a samordningsnummer adds 60 to the day)")
    } else if !luhn_ok(&digits[2..]) {
        Some("its check digit is wrong")
    } else {
        None
    }
}

/// Whether the number is a samordningsnummer (day + 60).
pub fn is_samordningsnummer(digits: &str) -> bool {
    digits.len() >= 8 && digits[6..8].parse::<u32>().is_ok_and(|d| d > 60)
}

/// The number with everything after the birth date masked: `19121212****`, `19121212-****`,
/// `121212-****`. The birth date is the first eight digits of a 12-digit number and the first six
/// of a 10-digit one; separators are kept.
pub fn mask(s: &str) -> String {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let date = if digits >= 12 { 8 } else { 6 };
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= date { c } else { '*' }
        })
        .collect()
}

/// `text` with every number [`find_all`] finds masked in place, except those `keep` accepts
/// (given their 12 digits). Digits become `*`, so byte offsets, lines and columns stay as they
/// were.
pub fn mask_all(text: &str, keep: impl Fn(&str) -> bool) -> std::borrow::Cow<'_, str> {
    let found: Vec<Found> = find_all(text)
        .into_iter()
        .filter(|f| !keep(&f.digits))
        .collect();
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in &found {
        out.push_str(&text[at..f.start]);
        out.push_str(&mask(&text[f.start..f.end]));
        at = f.end;
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

/// Luhn over a string of ASCII digits, the last of which is the check digit (also the rule of
/// organisationsnummer).
pub fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether `yyyymmdd` (day possibly + 60) is a date that exists.
fn date_is_valid(yyyymmdd: &str) -> bool {
    let (Ok(y), Ok(m), Ok(mut d)) = (
        yyyymmdd[0..4].parse::<u32>(),
        yyyymmdd[4..6].parse::<u32>(),
        yyyymmdd[6..8].parse::<u32>(),
    ) else {
        return false;
    };
    if d > 60 {
        d -= 60;
    }
    (1800..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A personnummer-shaped number found in raw text: byte range and its 12-digit form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub digits: String,
}

/// Every valid personnummer or samordningsnummer in `text`, written as 12 digits
/// (`191212121212`), 12 digits with a separator (`19121212-1212`), or 10 digits with a
/// separator (`121212-1212`, `121212+1212`). Runs of digits longer than the number are not
/// matched, so organisation numbers inside HSA-ids and long ids are left alone.
pub fn find_all(text: &str) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && is_word_byte(b[i - 1])) {
            i += 1;
            continue;
        }
        let run_end = digit_run_end(b, i);
        let run = run_end - i;
        // A run directly followed by a separator and four digits: `YYYYMMDD-NNNC` or `YYMMDD-NNNC`.
        if (run == 8 || run == 6)
            && run_end + 5 <= b.len()
            && matches!(b[run_end], b'-' | b'+')
            && digit_run_end(b, run_end + 1) == run_end + 5
            && !b.get(run_end + 5).is_some_and(|&c| is_word_byte(c))
        {
            let date = &text[i..run_end];
            let tail = &text[run_end + 1..run_end + 5];
            let digits = if run == 8 {
                format!("{date}{tail}")
            } else {
                // The century: `+` means over 100 years old; otherwise the most recent past.
                let century = if b[run_end] == b'+' { "19" } else { "20" };
                let candidate = format!("{century}{date}{tail}");
                if is_valid(&candidate) {
                    candidate
                } else {
                    format!("19{date}{tail}")
                }
            };
            if is_valid(&digits) {
                out.push(Found {
                    start: i,
                    end: run_end + 5,
                    digits,
                });
            }
            i = run_end + 5;
            continue;
        }
        if run == 12
            && !b.get(run_end).is_some_and(|&c| is_word_byte(c))
            && is_valid(&text[i..run_end])
        {
            out.push(Found {
                start: i,
                end: run_end,
                digits: text[i..run_end].to_owned(),
            });
        }
        i = run_end;
    }
    out
}

fn digit_run_end(b: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Bytes that make a number part of a longer identifier.
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        assert!(is_valid("191212121212"));
        assert!(is_valid("201212121212"));
        assert!(!is_valid("191212121213"), "wrong check digit");
        assert!(!is_valid("191213121212"), "month 13");
        assert!(is_samordningsnummer("191212721212"));
        assert_eq!(problem("19121212121"), Some("it is not 12 digits"));
        assert_eq!(problem("191212121219"), Some("its check digit is wrong"));
        assert_eq!(
            problem("191202301212").map(|p| p.starts_with("its first")),
            Some(true)
        );
    }

    #[test]
    fn masking_keeps_only_the_birth_date() {
        assert_eq!(mask("191212121212"), "19121212****");
        assert_eq!(mask("19121212-1212"), "19121212-****");
        assert_eq!(mask("121212-1212"), "121212-****");
        assert_eq!(mask("121212+1212"), "121212+****");
    }

    #[test]
    fn masking_in_text_keeps_positions() {
        let text = "a 19900101-9802, b 900101-9802, c 191212121212 d 19900101-9803";
        let masked = mask_all(text, |d| d == "191212121212");
        assert_eq!(
            masked,
            "a 19900101-****, b 900101-****, c 191212121212 d 19900101-9803"
        );
        assert_eq!(masked.len(), text.len());
        assert!(matches!(
            mask_all("none here", |_| false),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn finds_numbers_in_their_written_forms_but_not_inside_ids() {
        let text = "a 191212121212, b 19121212-1212, c 121212-1212 d SE2321000131-S000000015598 e 1912121212120";
        let found: Vec<String> = find_all(text).into_iter().map(|f| f.digits).collect();
        assert_eq!(found, ["191212121212", "191212121212", "201212121212"]);
    }
}
