//! Escaping per output type, set explicitly for every template by its extension.
//!
//! - Markdown (`*.md`): every value printed into a template may sit in a table cell, so `\`,
//!   `|`, `<`, `>`, `&`, backticks, `*`, `_`, `[` and `]` are escaped and line breaks become
//!   `<br>`. A hostile name cannot break a table, start HTML or forge a link.
//! - CSV (`*.csv`): every value printed is one whole, quoted cell (RFC 4180: `"` doubled), and a
//!   cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
//!   that spreadsheets do not run it as a formula.
//! - JSON is never a template: it is written by serde.
//!
//! Templates print only values; labels are literal text in the templates.

use std::borrow::Cow;

use minijinja::value::Value;
use minijinja::{AutoEscape, Error, ErrorKind, Output, State};

/// The auto-escape mode of a template, by its file name.
pub fn mode_for(name: &str) -> AutoEscape {
    match name.rsplit('.').next() {
        Some("md") => AutoEscape::Custom(Cow::Borrowed("markdown")),
        Some("csv") => AutoEscape::Custom(Cow::Borrowed("csv")),
        // Every template here is Markdown or CSV; anything else is written as is.
        _ => AutoEscape::None,
    }
}

/// Escapes text for Markdown, safe inside a table cell.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// One CSV cell: quoted, quotes doubled, formula triggers neutralised.
pub fn csv_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    out.push('"');
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The formatter of the template environment: escapes by the template's mode. `none` and
/// undefined print as nothing (an empty cell in CSV).
pub fn formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let mode = state.auto_escape().clone();
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else if let Some(s) = value.as_str() {
        s.to_owned()
    } else {
        value.to_string()
    };
    let escaped = match &mode {
        AutoEscape::Custom(m) if value.is_safe() && m == "markdown" => text,
        AutoEscape::Custom(m) if m == "markdown" => markdown(&text),
        AutoEscape::Custom(m) if m == "csv" => csv_cell(&text),
        AutoEscape::None => text,
        other => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("no escaping defined for {other:?}"),
            ));
        }
    };
    out.write_str(&escaped).map_err(Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_be_broken() {
        assert_eq!(markdown("| x |"), "\\| x \\|");
        assert_eq!(
            markdown("<script>a&b</script>"),
            "&lt;script&gt;a&amp;b&lt;/script&gt;"
        );
        assert_eq!(markdown("a\\"), "a\\\\");
        assert_eq!(
            markdown("`x` *y* _z_ [l](u)"),
            "\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u)"
        );
        assert_eq!(markdown("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(markdown("Region Västerfjäll"), "Region Västerfjäll");
    }

    #[test]
    fn csv_cells_are_quoted_and_neutralised() {
        assert_eq!(csv_cell("Region"), "\"Region\"");
        assert_eq!(csv_cell("a \"b\", c"), "\"a \"\"b\"\", c\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        for t in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(t).starts_with("\"'"), "{t}");
        }
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
    }
}
