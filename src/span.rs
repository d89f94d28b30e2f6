//! Positions in a source file: byte ranges for rendering snippets, line and column for people.

use serde::Serialize;

/// A range in one source file.
///
/// `start`/`end` are byte offsets (what snippet renderers slice with); `line` and `col` are
/// 1-based, the column counted in characters, as editors and GitHub annotations count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

impl Span {
    /// The very start of a file.
    pub const START: Span = Span {
        line: 1,
        col: 1,
        start: 0,
        end: 0,
    };
}

/// Converts the parser's character-based markers to byte offsets.
///
/// The YAML parser counts characters; Rust slices by bytes. For an all-ASCII file the two agree
/// and nothing is stored; otherwise a table of the byte offset of every character is kept.
pub struct CharToByte {
    offsets: Option<Vec<u32>>,
    len: usize,
}

impl CharToByte {
    pub fn new(text: &str) -> Self {
        let offsets = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(b, _)| u32::try_from(b).unwrap_or(u32::MAX))
                .collect()
        });
        CharToByte {
            offsets,
            len: text.len(),
        }
    }

    /// Byte offset of the character at `index`; the end of the text past the last character.
    pub fn byte(&self, index: usize) -> usize {
        match &self.offsets {
            None => index.min(self.len),
            Some(o) => o.get(index).map_or(self.len, |&b| b as usize),
        }
    }
}

/// Line and column (1-based, in characters) of a byte offset: for findings that do not come from
/// the parser (raw-text scans).
pub fn line_col(text: &str, byte: usize) -> (u32, u32) {
    let byte = byte.min(text.len());
    let before = &text[..byte];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// A span for a byte range found by scanning raw text.
pub fn span_of(text: &str, start: usize, end: usize) -> Span {
    let (line, col) = line_col(text, start);
    Span {
        line,
        col,
        start,
        end,
    }
}
