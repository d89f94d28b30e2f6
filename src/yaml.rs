//! YAML → JSON value, keeping the position of every node and key.
//!
//! The tree is built from `saphyr-parser`'s event stream with an explicit stack, never by
//! recursion, so nesting depth cannot overflow the stack. Building it ourselves (rather than with
//! saphyr's loader) gives us what a reviewer needs reported: duplicate keys with both places,
//! anchors and aliases (never expanded, so no "billion laughs"), tags, merge keys, non-string keys
//! and extra documents are findings with positions, not silently accepted. Plain scalars are
//! resolved by YAML 1.2's core schema (saphyr's `Scalar`), so `NO` and `on` stay strings.
//!
//! Positions are kept in a [`Positions`] index keyed by JSON pointer, the same pointers that
//! JSON-Schema errors carry in their instance path, so every later stage can locate a finding.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use saphyr::{Scalar, ScalarStyle};
use saphyr_parser::{Event, Parser, Span as YSpan};
use serde_json::{Map, Number, Value};

use crate::diag::Code;
use crate::span::{CharToByte, Span, line_col};

/// How deep an onboarding may nest; the format itself needs six levels.
pub const MAX_DEPTH: usize = 64;

/// How many nodes (scalars, aliases, lists and mappings) a file may have before reading stops.
/// The largest example has about 200; memory grows by a few hundred bytes per node.
pub const MAX_NODES: usize = 20_000;

/// Where a node is: its value, and for a mapping entry its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodePos {
    pub key: Option<Span>,
    pub value: Span,
    /// The node was a plain (unquoted) scalar; used to suggest quoting.
    pub plain: bool,
    /// The node is a mapping or a list.
    pub container: bool,
}

/// Positions of every node, by JSON pointer (`""` is the root, `/qa/contracts/0/url` a leaf).
///
/// Built for every file but looked up only where a finding is reported, so it is laid out for
/// building: every pointer is appended to one string, with an entry per node (the pointer's range
/// in it, and the node); no allocation or hash per node. The first few lookups scan the entries;
/// after that, an index sorted by pointer is built once, so that a file with many findings costs
/// a binary search per lookup.
#[derive(Debug, Default)]
pub struct Positions {
    /// Every pointer, one after the other.
    pointers: String,
    /// `(start, end)` of the pointer in `pointers`, and its node, in the order recorded.
    entries: Vec<(u32, u32, NodePos)>,
    /// Indices of `entries` sorted by pointer, one per pointer (the last recorded).
    index: OnceLock<Vec<usize>>,
    /// Lookups so far, while there is no index.
    lookups: AtomicU32,
}

impl Clone for Positions {
    fn clone(&self) -> Self {
        Positions {
            pointers: self.pointers.clone(),
            entries: self.entries.clone(),
            index: self.index.clone(),
            lookups: AtomicU32::new(self.lookups.load(Ordering::Relaxed)),
        }
    }
}

/// Lookups answered by a scan before the sorted index is built.
const SCANNED_LOOKUPS: u32 = 8;

impl Positions {
    fn pointer(&self, entry: &(u32, u32, NodePos)) -> &str {
        &self.pointers[entry.0 as usize..entry.1 as usize]
    }

    /// Records the node at the pointer `parent` + `/` + `segment`, or at `parent` itself.
    fn push(&mut self, parent: &str, segment: Option<Segment<'_>>, node: NodePos) {
        let start = self.pointers.len();
        self.pointers.push_str(parent);
        if let Some(segment) = segment {
            push_segment(&mut self.pointers, segment);
        }
        let end = self.pointers.len();
        // A file over 4 GiB of pointers is not read (the size limit is far below).
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
            self.pointers.truncate(start);
            return;
        };
        self.entries.push((start, end, node));
    }

    /// The key span of every entry of the mapping at `pointer`, by escaped key, among the
    /// positions recorded since index `from` (while the mapping is still being built).
    fn key_spans_under(&self, pointer: &str, from: usize) -> HashMap<String, Span> {
        self.entries[from..]
            .iter()
            .filter_map(|e| {
                let key = self.pointer(e).strip_prefix(pointer)?.strip_prefix('/')?;
                Some((key.to_owned(), e.2.key?))
            })
            .filter(|(key, _)| !key.contains('/'))
            .collect()
    }

    /// The entry indices sorted by pointer; of a pointer recorded twice, the last.
    fn sorted_index(&self) -> Vec<usize> {
        let mut index: Vec<usize> = (0..self.entries.len()).collect();
        index.sort_unstable_by(|&a, &b| {
            self.pointer(&self.entries[a])
                .cmp(self.pointer(&self.entries[b]))
                .then(b.cmp(&a))
        });
        index.dedup_by(|later, first| {
            self.pointer(&self.entries[*later]) == self.pointer(&self.entries[*first])
        });
        index
    }

    pub fn get(&self, pointer: &str) -> Option<&NodePos> {
        let index = match self.index.get() {
            Some(index) => index,
            None if self.lookups.fetch_add(1, Ordering::Relaxed) < SCANNED_LOOKUPS => {
                return self
                    .entries
                    .iter()
                    .rev()
                    .find(|e| self.pointer(e) == pointer)
                    .map(|e| &e.2);
            }
            None => self.index.get_or_init(|| self.sorted_index()),
        };
        index
            .binary_search_by(|&i| self.pointer(&self.entries[i]).cmp(pointer))
            .ok()
            .map(|k| &self.entries[index[k]].2)
    }

    /// The node at `pointer`, or the nearest ancestor that exists (a missing key is reported at
    /// its parent).
    pub fn nearest<'p>(&self, pointer: &'p str) -> (&'p str, Option<&NodePos>) {
        let mut p = pointer;
        loop {
            if let Some(n) = self.get(p) {
                return (p, Some(n));
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return (p, self.get("")),
            }
        }
    }

    /// The best place to point at for `pointer`: the key of a mapping entry when `at_key`, else
    /// the value; for a container value, its key (a caret on a whole block is no help).
    pub fn locate(&self, pointer: &str, at_key: bool) -> Span {
        let (_, node) = self.nearest(pointer);
        match node {
            Some(n) if at_key || n.container => n.key.unwrap_or(n.value),
            Some(n) => n.value,
            None => Span::START,
        }
    }
}

/// One step of a JSON pointer, before escaping.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Appends `/` and the segment, escaped, to a JSON pointer.
fn push_segment(pointer: &mut String, segment: Segment<'_>) {
    pointer.push('/');
    match segment {
        Segment::Key(key) => push_escaped(pointer, key),
        Segment::Index(i) => push_decimal(pointer, i),
    }
}

/// Appends `key` escaped for a JSON pointer (RFC 6901), as [`escape_pointer`] does.
fn push_escaped(out: &mut String, key: &str) {
    if key.contains(['~', '/']) {
        out.push_str(&escape_pointer(key));
    } else {
        out.push_str(key);
    }
}

/// Appends `n` in decimal, without the formatting machinery.
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        // A digit: `n % 10` is below 10.
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    pub value: Value,
    pub positions: Positions,
}

/// A problem found while reading the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlIssue {
    pub code: Code,
    pub span: Span,
    pub message: String,
    /// A second place, e.g. where a duplicated key was first defined.
    pub related: Option<(Span, String)>,
}

/// Escapes a mapping key for use in a JSON pointer (RFC 6901).
pub fn escape_pointer(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

enum Frame {
    Map {
        map: Map<String, Value>,
        pointer: String,
        /// The key waiting for its value: text and span, or `None` when the key was unusable
        /// (its value is then parsed and dropped).
        pending: Option<Option<(String, Span)>>,
        /// Where each key was first defined, by escaped key; built from the positions only when
        /// the map has a duplicate key (duplicates are found by the map itself).
        first_seen: Option<HashMap<String, Span>>,
        /// The index of the first position recorded inside this map.
        entries_from: usize,
        start: Span,
    },
    Seq {
        items: Vec<Value>,
        pointer: String,
        start: Span,
    },
}

/// What to do when a skipped node ends.
#[derive(Clone, Copy)]
enum AfterSkip {
    /// The node was too deep: it stands in its slot as null.
    Null(Span),
    /// A collection used as a key: its value is dropped next.
    KeyUnusable,
    /// The value of an unusable key: nothing more.
    ValueDropped,
}

struct Builder<'t> {
    text: &'t str,
    chars: CharToByte,
    stack: Vec<Frame>,
    /// Levels being skipped: inside a node that is dropped (too deep, after an unusable key).
    skip_depth: usize,
    after_skip: AfterSkip,
    root: Option<Value>,
    positions: Positions,
    issues: Vec<YamlIssue>,
    reported_depth: bool,
}

impl Builder<'_> {
    fn span(&self, s: &YSpan) -> Span {
        let start = self.chars.byte(s.start.index());
        let end = self.chars.byte(s.end.index()).max(start);
        Span {
            line: u32::try_from(s.start.line()).unwrap_or(u32::MAX),
            col: u32::try_from(s.start.col() + 1).unwrap_or(u32::MAX),
            start,
            end,
        }
    }

    fn issue(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.issues.push(YamlIssue {
            code,
            span,
            message: message.into(),
            related: None,
        });
    }

    /// The JSON pointer of the next node, in a normal (not skipped) slot.
    fn slot(&self) -> String {
        match self.stack.last() {
            Some(Frame::Seq { items, pointer, .. }) => {
                let mut p = pointer.clone();
                push_segment(&mut p, Segment::Index(items.len()));
                p
            }
            Some(Frame::Map {
                pending: Some(Some((key, _))),
                pointer,
                ..
            }) => {
                let mut p = pointer.clone();
                push_segment(&mut p, Segment::Key(key));
                p
            }
            _ => String::new(),
        }
    }

    fn check_anchor_and_tag(&mut self, anchor: usize, tag: bool, span: Span) {
        if anchor != 0 {
            self.issue(
                Code::YamlAlias,
                span,
                "anchor defined here; anchors and aliases are not allowed",
            );
        }
        if tag {
            self.issue(
                Code::YamlTag,
                span,
                "tag used here; YAML tags are not allowed",
            );
        }
    }

    /// A finished node `value` spanning `span`, `plain` if it was an unquoted scalar.
    fn complete(&mut self, value: Value, span: Span, plain: bool) {
        let container = value.is_array() || value.is_object();
        // Where does it go?
        match self.stack.last_mut() {
            None => {
                self.positions.push(
                    "",
                    None,
                    NodePos {
                        key: None,
                        value: span,
                        plain,
                        container,
                    },
                );
                self.root = Some(value);
            }
            Some(Frame::Seq { items, pointer, .. }) => {
                self.positions.push(
                    pointer,
                    Some(Segment::Index(items.len())),
                    NodePos {
                        key: None,
                        value: span,
                        plain,
                        container,
                    },
                );
                items.push(value);
            }
            Some(Frame::Map {
                map,
                pointer,
                pending,
                first_seen,
                entries_from,
                ..
            }) => match pending.take() {
                None => {
                    // `value` is a key.
                    let key = match value {
                        Value::String(s) => {
                            if s == "<<" && plain {
                                self.issues.push(YamlIssue {
                                    code: Code::YamlMergeKey,
                                    span,
                                    message: "merge key `<<` is not allowed".into(),
                                    related: None,
                                });
                                None
                            } else if map.contains_key(&s) {
                                let seen = first_seen.get_or_insert_with(|| {
                                    self.positions.key_spans_under(pointer, *entries_from)
                                });
                                let related = seen
                                    .get(escape_pointer(&s).as_ref())
                                    .map(|first| (*first, "first defined here".to_owned()));
                                self.issues.push(YamlIssue {
                                    code: Code::DuplicateKey,
                                    span,
                                    message: format!("duplicate key `{s}`"),
                                    related,
                                });
                                None
                            } else {
                                Some((s, span))
                            }
                        }
                        Value::Null | Value::Bool(_) | Value::Number(_) => {
                            let shown = self.text.get(span.start..span.end).unwrap_or("").trim();
                            self.issues.push(YamlIssue {
                                code: Code::NonStringKey,
                                span,
                                message: format!("key `{shown}` is not a string"),
                                related: None,
                            });
                            None
                        }
                        Value::Array(_) | Value::Object(_) => {
                            self.issues.push(YamlIssue {
                                code: Code::NonStringKey,
                                span,
                                message: "a list or mapping used as a key".into(),
                                related: None,
                            });
                            None
                        }
                    };
                    *pending = Some(key);
                }
                Some(Some((key, key_span))) => {
                    if let Some(seen) = first_seen {
                        seen.insert(escape_pointer(&key).into_owned(), key_span);
                    }
                    self.positions.push(
                        pointer,
                        Some(Segment::Key(&key)),
                        NodePos {
                            key: Some(key_span),
                            value: span,
                            plain,
                            container,
                        },
                    );
                    map.insert(key, value);
                }
                Some(None) => {} // value of an unusable key: dropped
            },
        }
    }

    fn open(&mut self, frame_is_map: bool, anchor: usize, tag: bool, span: Span) {
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            return;
        }
        self.check_anchor_and_tag(anchor, tag, span);
        if self.stack.len() >= MAX_DEPTH {
            if !self.reported_depth {
                self.reported_depth = true;
                self.issue(
                    Code::NestingTooDeep,
                    span,
                    format!("nested more than {MAX_DEPTH} levels deep; the rest of this node is not read"),
                );
            }
            self.skip(AfterSkip::Null(span));
            return;
        }
        let pointer = match self.stack.last() {
            Some(Frame::Map { pending: None, .. }) => {
                self.issue(Code::NonStringKey, span, "a list or mapping used as a key");
                self.skip(AfterSkip::KeyUnusable);
                return;
            }
            Some(Frame::Map {
                pending: Some(None),
                ..
            }) => {
                self.skip(AfterSkip::ValueDropped);
                return;
            }
            _ => self.slot(),
        };
        self.stack.push(if frame_is_map {
            Frame::Map {
                map: Map::new(),
                pointer,
                pending: None,
                first_seen: None,
                entries_from: self.positions.entries.len(),
                start: span,
            }
        } else {
            Frame::Seq {
                items: Vec::new(),
                pointer,
                start: span,
            }
        });
    }

    fn skip(&mut self, after: AfterSkip) {
        self.skip_depth = 1;
        self.after_skip = after;
    }

    fn close(&mut self) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            if self.skip_depth == 0 {
                match self.after_skip {
                    AfterSkip::Null(span) => self.complete(Value::Null, span, false),
                    AfterSkip::KeyUnusable | AfterSkip::ValueDropped => {
                        if let Some(Frame::Map { pending, .. }) = self.stack.last_mut() {
                            *pending = match self.after_skip {
                                AfterSkip::KeyUnusable => Some(None),
                                _ => None,
                            };
                        }
                    }
                }
            }
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (value, start) = match frame {
            Frame::Map { map, start, .. } => (Value::Object(map), start),
            Frame::Seq { items, start, .. } => (Value::Array(items), start),
        };
        self.complete(value, start, false);
    }

    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'_, saphyr_parser::Tag>>,
        span: Span,
    ) {
        if self.skip_depth > 0 {
            return;
        }
        self.check_anchor_and_tag(anchor, tag.is_some(), span);
        let plain = style == ScalarStyle::Plain;
        let value = resolve_scalar(text, style);
        self.complete(value, span, plain);
    }
}

/// Resolves a scalar by YAML 1.2's core schema (tags are reported, not honoured).
fn resolve_scalar(text: Cow<'_, str>, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        // Any quoted scalar is a string.
        return Value::String(text.into_owned());
    }
    // A float that JSON cannot hold (`.inf`, `.nan`, `1e999`) stays the text as written; only a
    // scalar starting like a number can be one, so only then is the text kept aside.
    let original = text
        .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'))
        .then(|| text.clone().into_owned());
    match Scalar::parse_from_cow_and_metadata(text, style, None) {
        Some(Scalar::Null) => Value::Null,
        Some(Scalar::Boolean(b)) => Value::Bool(b),
        Some(Scalar::Integer(i)) => Value::Number(i.into()),
        Some(Scalar::FloatingPoint(f)) => match (Number::from_f64(f.into_inner()), original) {
            (Some(n), _) => Value::Number(n),
            (None, Some(original)) => Value::String(original),
            (None, None) => Value::String(f.to_string()),
        },
        Some(Scalar::String(s)) => Value::String(s.into_owned()),
        None => Value::Null, // only for tags, which are not passed
    }
}

/// The finding for a parser error at `span`. Two errors are made clearer: the parser's own limit
/// on nested brackets is a [`Code::NestingTooDeep`], and a tab in the indentation (which the
/// parser often reports at the start of the value before it) is pointed at.
fn syntax_error(text: &str, span: Span, info: &str) -> (Code, Span, String) {
    if info == "recursion limit exceeded" {
        return (
            Code::NestingTooDeep,
            span,
            "brackets nested too deep; the YAML parser stops here".into(),
        );
    }
    if info.contains("tab") {
        let line_start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let mut line_no = span.line;
        let mut at = line_start;
        for line in text[line_start..].split_inclusive('\n') {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if let Some(tab) = line[..indent].find('\t') {
                let tab_span = Span {
                    line: line_no,
                    col: u32::try_from(tab + 1).unwrap_or(u32::MAX),
                    start: at + tab,
                    end: at + tab + 1,
                };
                return (
                    Code::YamlSyntax,
                    tab_span,
                    "a tab is used for indentation; YAML indents with spaces only".into(),
                );
            }
            at += line.len();
            line_no = line_no.saturating_add(1);
        }
    }
    (Code::YamlSyntax, span, info.to_owned())
}

/// Parses `text` as one YAML document.
///
/// Returns the document (unless the YAML is broken or empty) and every structural issue found.
pub fn parse(text: &str) -> (Option<Document>, Vec<YamlIssue>) {
    let mut b = Builder {
        text,
        chars: CharToByte::new(text),
        stack: Vec::new(),
        skip_depth: 0,
        after_skip: AfterSkip::ValueDropped,
        root: None,
        positions: Positions::default(),
        issues: Vec::new(),
        reported_depth: false,
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut in_extra_document = false;
    while let Some(event) = parser.next_event() {
        let (event, yspan) = match event {
            Ok(e) => e,
            Err(e) => {
                // Line and column from the byte offset: at the end of a file without a final
                // newline the parser's marker names a line past the last one.
                let byte = b.chars.byte(e.marker().index());
                let (line, col) = line_col(text, byte);
                let span = Span {
                    line,
                    col,
                    start: byte,
                    end: byte,
                };
                let (code, span, message) = syntax_error(text, span, e.info());
                b.issue(code, span, message);
                return (None, b.issues);
            }
        };
        let span = b.span(&yspan);
        if matches!(
            event,
            Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Scalar(..)
                | Event::Alias(_)
        ) {
            nodes += 1;
            if nodes > MAX_NODES {
                b.issue(
                    Code::TooManyNodes,
                    span,
                    format!("more than {MAX_NODES} values; the file is not read from here on"),
                );
                return (None, b.issues);
            }
        }
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents == 2 {
                    b.issue(
                        Code::MultipleDocuments,
                        span,
                        "a second YAML document starts here; one file holds one onboarding",
                    );
                }
                in_extra_document = documents > 1;
            }
            _ if in_extra_document => {} // parsed for syntax, not built
            Event::MappingStart(anchor, tag) => b.open(true, anchor, tag.is_some(), span),
            Event::SequenceStart(anchor, tag) => b.open(false, anchor, tag.is_some(), span),
            Event::MappingEnd | Event::SequenceEnd => b.close(),
            Event::Scalar(value, style, anchor, tag) => b.scalar(value, style, anchor, tag, span),
            Event::Alias(_) => {
                if b.skip_depth == 0 {
                    b.issue(
                        Code::YamlAlias,
                        span,
                        "alias used here; anchors and aliases are not allowed",
                    );
                    b.complete(Value::Null, span, false);
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    match b.root.take() {
        Some(value) => (
            Some(Document {
                value,
                positions: b.positions,
            }),
            b.issues,
        ),
        None => {
            b.issue(
                Code::EmptyDocument,
                Span::START,
                "the file holds no YAML document",
            );
            (None, b.issues)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(text: &str) -> Vec<(Code, u32, u32)> {
        parse(text)
            .1
            .iter()
            .map(|i| (i.code, i.span.line, i.span.col))
            .collect()
    }

    #[test]
    fn builds_json_with_positions_for_keys_and_values() {
        let (doc, issues) = parse("a:\n  b: [1, x]\n  c: 'NO'\nd: on\n");
        assert!(issues.is_empty(), "{issues:?}");
        let doc = doc.unwrap();
        assert_eq!(
            doc.value,
            json!({"a": {"b": [1, "x"], "c": "NO"}, "d": "on"})
        );
        let b1 = doc.positions.get("/a/b/1").unwrap();
        assert_eq!((b1.value.line, b1.value.col), (2, 10));
        let c = doc.positions.get("/a/c").unwrap();
        assert_eq!(c.key.map(|k| (k.line, k.col)), Some((3, 3)));
        assert!(!c.plain);
        assert_eq!(doc.positions.locate("/a/missing/deeper", false).line, 1);
    }

    #[test]
    fn floats_json_cannot_hold_stay_text() {
        let (doc, _) = parse("a: .inf\nb: -.INF\nc: .NaN\nd: 1e999\ne: '1.5'\nf: 1.5\n");
        assert_eq!(
            doc.unwrap().value,
            json!({"a": ".inf", "b": "-.INF", "c": ".NaN", "d": "1e999", "e": "1.5", "f": 1.5})
        );
    }

    #[test]
    fn positions_of_escaped_keys_lists_and_missing_nodes() {
        let (doc, _) = parse("a/b:\n  - x\n  - {c~d: 1}\nz: 2\n");
        let p = doc.unwrap().positions;
        assert_eq!(p.get("/a~1b/1/c~0d").map(|n| n.value.line), Some(3));
        assert_eq!(
            p.get("/a~1b/0").map(|n| (n.value.line, n.value.col)),
            Some((2, 5))
        );
        assert!(p.get("/a~1b/2").is_none());
        assert_eq!(p.nearest("/a~1b/1/nope/deeper").0, "/a~1b/1");
        assert_eq!(p.get("").map(|n| n.container), Some(true));
        let list: String = (0..120).map(|i| format!("  - {i}\n")).collect();
        let (doc, _) = parse(&format!("l:\n{list}"));
        let p = doc.unwrap().positions;
        for i in [0, 9, 10, 99, 100, 119] {
            assert_eq!(p.get(&format!("/l/{i}")).map(|n| n.value.line), Some(i + 2));
        }
        assert!(p.get("/l/120").is_none() && p.get("/l/01").is_none());
        // Past the first few lookups, the sorted index answers the same.
        for i in 0..120 {
            assert_eq!(p.get(&format!("/l/{i}")).map(|n| n.value.line), Some(i + 2));
        }
        assert!(p.get("/l/120").is_none() && p.get("/l").is_some_and(|n| n.container));
        assert!(p.clone().get("/l/7").is_some());
    }

    #[test]
    fn duplicate_keys_in_nested_maps_point_at_their_own_first_key() {
        let text = "x:\n  k: 1\n  inner: {k: 2}\n  j: 3\n  k: 4\n  j: 5\nk: 6\n";
        let (doc, issues) = parse(text);
        let dups: Vec<_> = issues
            .iter()
            .map(|i| (i.span.line, i.related.as_ref().map(|r| r.0.line)))
            .collect();
        assert_eq!(dups, vec![(5, Some(2)), (6, Some(4))]);
        assert_eq!(
            doc.unwrap().value,
            json!({"x": {"k": 1, "inner": {"k": 2}, "j": 3}, "k": 6})
        );
    }

    #[test]
    fn yaml_1_2_core_schema() {
        let (doc, _) = parse("a: 0755\nb: 1.10\nc: yes\nd: ~\ne: true\nf: 2026-01-02\n");
        assert_eq!(
            doc.unwrap().value,
            json!({"a": 755, "b": 1.1, "c": "yes", "d": null, "e": true, "f": "2026-01-02"})
        );
    }

    #[test]
    fn duplicate_keys_are_reported_with_the_first_place() {
        let (doc, issues) = parse("a: 1\nb: 2\na: 1\n");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, Code::DuplicateKey);
        assert_eq!((issues[0].span.line, issues[0].span.col), (3, 1));
        assert_eq!(issues[0].related.as_ref().map(|r| r.0.line), Some(1));
        assert_eq!(doc.unwrap().value, json!({"a": 1, "b": 2}));
    }

    #[test]
    fn anchors_aliases_tags_merge_keys_and_documents_are_findings() {
        assert_eq!(
            codes("a: &x 1\nb: *x\nc: !!binary aGk=\nd:\n  <<: {e: 1}\n---\nz: 1\n"),
            vec![
                (Code::YamlAlias, 1, 4),
                (Code::YamlAlias, 2, 4),
                (Code::YamlTag, 3, 4),
                (Code::YamlMergeKey, 5, 3),
                (Code::MultipleDocuments, 6, 1),
            ]
        );
    }

    #[test]
    fn syntax_errors_and_empty_files() {
        let (doc, issues) = parse("a: [1, 2\n");
        assert!(doc.is_none());
        assert_eq!(issues[0].code, Code::YamlSyntax);
        assert_eq!(
            codes("# only a comment\n"),
            vec![(Code::EmptyDocument, 1, 1)]
        );
        assert_eq!(codes(""), vec![(Code::EmptyDocument, 1, 1)]);
    }

    #[test]
    fn non_string_keys() {
        assert_eq!(
            codes("1: a\n[x]: b\nok: c\n"),
            vec![(Code::NonStringKey, 1, 1), (Code::NonStringKey, 2, 1)]
        );
    }

    #[test]
    fn deep_nesting_is_cut_without_recursion() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let issues = parse(&deep).1;
        assert!(
            issues
                .iter()
                .any(|i| matches!(i.code, Code::NestingTooDeep | Code::YamlSyntax)),
            "{issues:?}"
        );
        let block: String = (0..5_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let issues = parse(&block).1;
        assert!(
            issues.iter().any(|i| i.code == Code::NestingTooDeep),
            "{issues:?}"
        );
    }

    #[test]
    fn tabs_in_indentation_are_pointed_at() {
        for (text, line, col) in [
            ("a:\n  b: x\n\tc: y\n", 3, 1),
            ("a:\n\tb: x\n", 2, 1),
            ("a: 1\n\tb: 2\n", 2, 1),
            ("- a\n\t- b\n", 2, 1),
            ("a:\n  b: x\n  \tc: y\n", 3, 3),
        ] {
            let issues = parse(text).1;
            assert_eq!(issues.len(), 1, "{text:?}: {issues:?}");
            let i = &issues[0];
            assert_eq!(
                (i.code, i.span.line, i.span.col),
                (Code::YamlSyntax, line, col),
                "{text:?}"
            );
            assert!(i.message.contains("tab"), "{i:?}");
            assert_eq!(&text[i.span.start..i.span.end], "\t");
        }
    }

    #[test]
    fn a_syntax_error_at_the_end_of_the_file_is_on_its_last_line() {
        // Found by fuzzing: without a final newline the parser's marker is on line 3.
        let text = "a:\n  b: c:4\nd# x";
        let issues = parse(text).1;
        assert_eq!(issues.len(), 1, "{issues:?}");
        let i = &issues[0];
        assert_eq!((i.code, i.span.line, i.span.col), (Code::YamlSyntax, 3, 5));
        assert_eq!(i.span.start, text.len());
    }

    #[test]
    fn reading_stops_after_max_nodes() {
        let list = "- x\n".repeat(MAX_NODES + 5);
        let (doc, issues) = parse(&list);
        assert!(doc.is_none());
        // The list is a node, so the last item read is on line MAX_NODES - 1.
        assert_eq!(
            codes(&list),
            vec![(Code::TooManyNodes, MAX_NODES as u32, 3)]
        );
        assert_eq!(issues.len(), 1);
        let aliases = format!("a: &a x\nb: [{}]\n", "*a, ".repeat(MAX_NODES));
        let issues = parse(&aliases).1;
        assert_eq!(issues.last().map(|i| i.code), Some(Code::TooManyNodes));
        assert!(issues.len() <= MAX_NODES + 1);
        assert!(parse(&"- x\n".repeat(MAX_NODES - 1)).0.is_some());
    }

    #[test]
    fn the_parsers_bracket_limit_is_a_nesting_finding() {
        let deep = "{a: ".repeat(1_000) + &"}".repeat(1_000);
        assert_eq!(codes(&deep), vec![(Code::NestingTooDeep, 1, 1021)]);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let (doc, _) = parse("namn: Åsa Öberg\nx: y\n");
        let doc = doc.unwrap();
        let x = doc.positions.get("/x").unwrap();
        assert_eq!((x.value.line, x.value.col), (2, 4));
        let n = doc.positions.get("/namn").unwrap();
        assert_eq!(
            &"namn: Åsa Öberg\nx: y\n"[n.value.start..n.value.end],
            "Åsa Öberg"
        );
    }
}
