//! Lenient JSON for hand-written doc examples: strict parse first, else one tokenizer-aware pass
//! that repairs the usual defects (trailing commas, comments, smart quotes, …) and says where.
//!
//! The repair pass walks the text once, keeps its container nesting on a heap stack (never the
//! call stack), and copies string contents verbatim except to turn smart or single quote
//! delimiters into `"` and to escape raw control characters. Positions are 1-based lines and
//! byte columns of the original text, as serde_json and [`graphdoc_diagnostics::LineIndex`] count.

use serde_json::Value;

/// A document that was not valid JSON but parsed after repairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired {
    pub value: Value,
    /// The repairs applied, in order of their position in the original text.
    pub repairs: Vec<Repair>,
}

/// One repair and where in the original text it applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    /// 1-based line within the input text.
    pub line: u32,
    /// 1-based column, counted in bytes from the start of the line.
    pub column: u32,
}

/// What a repair fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairKind {
    /// A `,` right before `}` or `]`, removed.
    TrailingComma,
    /// A `//` line comment or `/* */` block comment outside strings, removed.
    Comment,
    /// A string delimited by smart quotes (`“…”`, or `‘…’` around a key or value), requoted.
    SmartQuote,
    /// A string delimited by straight single quotes (`'…'`), requoted.
    SingleQuote,
    /// Two values or members with no `,` between them; a comma was inserted after the first.
    MissingComma,
    /// A raw newline, tab or other control character inside a string, escaped.
    ControlCharInString,
    /// An object key without quotes (`isCollection: true`), quoted.
    UnquotedKey,
    /// A bare word where a value belongs (`"type": String`), quoted as a string.
    UnquotedValue,
    /// Text after the complete top-level object or array (such as `-->`), dropped.
    TextAfterJson,
}

impl RepairKind {
    /// A short kebab-case name, stable for reports.
    pub fn name(&self) -> &'static str {
        match self {
            RepairKind::TrailingComma => "trailing-comma",
            RepairKind::Comment => "comment",
            RepairKind::SmartQuote => "smart-quote",
            RepairKind::SingleQuote => "single-quote",
            RepairKind::MissingComma => "missing-comma",
            RepairKind::ControlCharInString => "control-char-in-string",
            RepairKind::UnquotedKey => "unquoted-key",
            RepairKind::UnquotedValue => "unquoted-value",
            RepairKind::TextAfterJson => "text-after-json",
        }
    }

    /// What was wrong, as a phrase for a diagnostic message.
    pub fn describe(&self) -> &'static str {
        match self {
            RepairKind::TrailingComma => "a trailing comma before `}` or `]` (JSON allows none)",
            RepairKind::Comment => "a comment (JSON has no comments)",
            RepairKind::SmartQuote => "smart quotes used as string delimiters instead of `\"`",
            RepairKind::SingleQuote => "single quotes used as string delimiters instead of `\"`",
            RepairKind::MissingComma => "a missing comma between two values or members",
            RepairKind::ControlCharInString => "a raw newline, tab or control character inside a string (escape it)",
            RepairKind::UnquotedKey => "an object key without quotes",
            RepairKind::UnquotedValue => "a bare word as a value; strings need quotes",
            RepairKind::TextAfterJson => "text after the end of the JSON value",
        }
    }
}

/// The result of [`parse_lenient`].
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The text was valid JSON as written.
    Valid(Value),
    /// The text parsed after repairs.
    Repaired(Repaired),
    /// The text is not JSON even after repairs; the error is serde_json's on the original text.
    Invalid { message: String, line: u32, column: u32 },
}

/// Parses `text` as JSON, repairing common hand-written defects if the strict parse fails.
///
/// Never panics, runs in time linear in `text`, and does not recurse on nesting depth (serde_json
/// itself stops at depth 128 and the text is then [`Outcome::Invalid`]).
pub fn parse_lenient(text: &str) -> Outcome {
    let err = match serde_json::from_str::<Value>(text) {
        Ok(value) => return Outcome::Valid(value),
        Err(err) => err,
    };
    let (fixed, mut found) = Repairer::new(text).run();
    if !found.is_empty()
        && let Ok(value) = serde_json::from_str::<Value>(&fixed)
    {
        found.sort_by_key(|&(_, offset)| offset);
        return Outcome::Repaired(Repaired { value, repairs: locate(text, &found) });
    }
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let full = err.to_string();
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    Outcome::Invalid { message, line: to_u32(err.line()).max(1), column: to_u32(err.column()).max(1) }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Turns byte offsets (sorted) into repairs with 1-based line and byte column.
fn locate(text: &str, found: &[(RepairKind, usize)]) -> Vec<Repair> {
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)).collect();
    found
        .iter()
        .map(|&(kind, offset)| {
            let line = line_starts.partition_point(|&start| start <= offset).max(1);
            let start = line_starts.get(line - 1).copied().unwrap_or(0);
            Repair { kind, line: to_u32(line), column: to_u32(offset.saturating_sub(start) + 1) }
        })
        .collect()
}

/// What the repair pass expects next outside strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value: at the start, after `:`, after `[`, after `,` in an array.
    Value,
    /// An object key: after `{` or after `,` in an object.
    Key,
    /// The `:` after a key.
    Colon,
    /// `,` or a closing bracket, after a value inside a container.
    After,
    /// Nothing: the top-level value is complete.
    Done,
}

struct Repairer<'a> {
    text: &'a str,
    /// Byte offset in `text`; always on a char boundary.
    pos: usize,
    out: String,
    found: Vec<(RepairKind, usize)>,
    /// Open containers, innermost last: `true` for an object, `false` for an array.
    stack: Vec<bool>,
    expect: Expect,
    /// The last comma emitted, if nothing but whitespace and comments followed it yet:
    /// (offset in `out`, offset in `text`).
    pending_comma: Option<(usize, usize)>,
    /// Offset in `text` just after the last complete value (where a missing comma belongs).
    value_end: usize,
    /// Whether the top-level value is an object or array (only then is trailing text dropped).
    top_is_container: bool,
}

impl<'a> Repairer<'a> {
    fn new(text: &'a str) -> Self {
        Repairer {
            text,
            pos: 0,
            out: String::with_capacity(text.len() + 16),
            found: Vec::new(),
            stack: Vec::new(),
            expect: Expect::Value,
            pending_comma: None,
            value_end: 0,
            top_is_container: false,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|rest| rest.chars().next())
    }

    fn peek_second(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|rest| rest.chars().nth(1))
    }

    fn note(&mut self, kind: RepairKind, offset: usize) {
        self.found.push((kind, offset));
    }

    fn in_object(&self) -> bool {
        self.stack.last().copied().unwrap_or(false)
    }

    /// The expectation after a value or member separator in the current container.
    fn after_comma(&self) -> Expect {
        if self.in_object() { Expect::Key } else { Expect::Value }
    }

    /// A value just ended at `self.pos`.
    fn end_value(&mut self) {
        self.value_end = self.pos;
        self.expect = if self.stack.is_empty() { Expect::Done } else { Expect::After };
    }

    fn run(mut self) -> (String, Vec<(RepairKind, usize)>) {
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                ' ' | '\t' | '\n' | '\r' => {
                    self.out.push(c);
                    self.pos += 1;
                }
                '/' if matches!(self.peek_second(), Some('/' | '*')) => self.comment(),
                _ if self.expect == Expect::Done => {
                    if self.top_is_container {
                        self.note(RepairKind::TextAfterJson, start);
                    } else {
                        // Text after a top-level scalar means this was not JSON at all.
                        self.out.push_str(self.text.get(start..).unwrap_or(""));
                    }
                    break;
                }
                '{' | '[' => {
                    self.start_value();
                    if self.stack.is_empty() {
                        self.top_is_container = true;
                    }
                    self.stack.push(c == '{');
                    self.out.push(c);
                    self.pos += 1;
                    self.expect = if c == '{' { Expect::Key } else { Expect::Value };
                }
                '}' | ']' => {
                    if let Some((out_at, text_at)) = self.pending_comma.take() {
                        self.out.replace_range(out_at..out_at + 1, " ");
                        self.note(RepairKind::TrailingComma, text_at);
                    }
                    self.stack.pop();
                    self.out.push(c);
                    self.pos += 1;
                    self.end_value();
                }
                ':' => {
                    self.pending_comma = None;
                    self.out.push(c);
                    self.pos += 1;
                    if self.expect == Expect::Colon {
                        self.expect = Expect::Value;
                    }
                }
                ',' => {
                    if self.expect == Expect::After {
                        self.pending_comma = Some((self.out.len(), start));
                        self.expect = self.after_comma();
                    } else {
                        self.pending_comma = None;
                    }
                    self.out.push(c);
                    self.pos += 1;
                }
                '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => {
                    self.start_value();
                    let is_key = self.expect == Expect::Key;
                    self.string(c);
                    if is_key {
                        self.expect = Expect::Colon;
                    } else {
                        self.end_value();
                    }
                }
                '-' | '0'..='9' => {
                    self.start_value();
                    let token = self.take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
                    self.atom(token, start, false);
                }
                c if is_word_start(c) => {
                    self.start_value();
                    let token = self.take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '.' | '-'));
                    self.atom(token, start, true);
                }
                _ => {
                    self.pending_comma = None;
                    self.out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        (self.out, self.found)
    }

    /// A key or value token starts at `self.pos`: inserts a comma if one is missing before it.
    fn start_value(&mut self) {
        self.pending_comma = None;
        if self.expect == Expect::After {
            self.out.push(',');
            self.note(RepairKind::MissingComma, self.value_end);
            self.expect = self.after_comma();
        }
    }

    /// Consumes the longest run of chars matching `keep` and returns it.
    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let text: &'a str = self.text;
        let rest = text.get(self.pos..).unwrap_or("");
        let len = rest.char_indices().find(|&(_, c)| !keep(c)).map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        rest.get(..len).unwrap_or("")
    }

    /// A number or bare word, `start` its offset: quoted as a key where a key belongs, as a
    /// string value if it is a word other than a JSON literal (except at the top level, where a
    /// bare word means the text is not JSON), else copied.
    fn atom(&mut self, token: &str, start: usize, is_word: bool) {
        let kind = match self.expect {
            Expect::Key => Some(RepairKind::UnquotedKey),
            Expect::Value if is_word && !self.stack.is_empty() && !matches!(token, "true" | "false" | "null") => {
                Some(RepairKind::UnquotedValue)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            self.note(kind, start);
            self.out.push('"');
            self.out.push_str(token);
            self.out.push('"');
        } else {
            self.out.push_str(token);
        }
        if self.expect == Expect::Key {
            self.expect = Expect::Colon;
        } else {
            self.end_value();
        }
    }

    /// A `//` or `/*` comment at `self.pos`: dropped (a block comment becomes one space).
    fn comment(&mut self) {
        let start = self.pos;
        self.note(RepairKind::Comment, start);
        let rest = self.text.get(start..).unwrap_or("");
        if rest.starts_with("//") {
            self.pos += rest.find('\n').unwrap_or(rest.len());
        } else {
            self.pos += rest.get(2..).and_then(|body| body.find("*/")).map_or(rest.len(), |end| end + 4);
            self.out.push(' ');
        }
    }

    /// A string opened by `open` at `self.pos`, copied as a `"`-delimited JSON string.
    fn string(&mut self, open: char) {
        let start = self.pos;
        self.pos += open.len_utf8();
        let (closers, escape_double): (&[char], bool) = match open {
            '"' => (&['"'], false),
            '\u{201C}' | '\u{201D}' => (&['\u{201C}', '\u{201D}', '"'], false),
            '\u{2018}' | '\u{2019}' => (&['\u{2018}', '\u{2019}'], true),
            _ => (&['\''], true),
        };
        match open {
            '"' => {}
            '\'' => self.note(RepairKind::SingleQuote, start),
            _ => self.note(RepairKind::SmartQuote, start),
        }
        self.out.push('"');
        let mut noted_control = false;
        while let Some(c) = self.peek() {
            let at = self.pos;
            self.pos += c.len_utf8();
            if closers.contains(&c) {
                self.out.push('"');
                return;
            }
            match c {
                '\\' => match self.peek() {
                    Some('\'') if open == '\'' => {
                        self.out.push('\'');
                        self.pos += 1;
                    }
                    Some(next) if u32::from(next) >= 0x20 => {
                        self.out.push('\\');
                        self.out.push(next);
                        self.pos += next.len_utf8();
                    }
                    // Before a control character or the end: an escaped backslash, so the
                    // control character's own escape below stays one.
                    _ => self.out.push_str("\\\\"),
                },
                '"' if escape_double => self.out.push_str("\\\""),
                c if u32::from(c) < 0x20 => {
                    if !noted_control {
                        noted_control = true;
                        self.note(RepairKind::ControlCharInString, at);
                    }
                    match c {
                        '\n' => self.out.push_str("\\n"),
                        '\r' => self.out.push_str("\\r"),
                        '\t' => self.out.push_str("\\t"),
                        c => self.out.push_str(&format!("\\u{:04x}", u32::from(c))),
                    }
                }
                c => self.out.push(c),
            }
        }
        // Unterminated: left open, so the parse fails as it should.
    }
}

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '_' | '$' | '@')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn repaired(text: &str) -> Repaired {
        match parse_lenient(text) {
            Outcome::Repaired(r) => r,
            other => panic!("expected a repair of {text:?}, got {other:?}"),
        }
    }

    fn kinds(r: &Repaired) -> Vec<(RepairKind, u32, u32)> {
        r.repairs.iter().map(|r| (r.kind, r.line, r.column)).collect()
    }

    #[test]
    fn valid_json_is_untouched() {
        let text = "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users/$entity\",\n  \"displayName\": \"Adele, Vance\"\n}";
        assert_eq!(
            parse_lenient(text),
            Outcome::Valid(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
                "displayName": "Adele, Vance"
            }))
        );
    }

    #[test]
    fn trailing_commas() {
        let r = repaired("{\n  \"displayName\": \"x\",\n}");
        assert_eq!(r.value, json!({"displayName": "x"}));
        assert_eq!(kinds(&r), [(RepairKind::TrailingComma, 2, 21)]);
        let r = repaired("{\"value\": [\n  {\"id\": \"1\"},\n  {\"id\": \"2\"}, // more\n],\n}");
        assert_eq!(r.value, json!({"value": [{"id": "1"}, {"id": "2"}]}));
        assert_eq!(
            kinds(&r),
            [(RepairKind::TrailingComma, 3, 14), (RepairKind::Comment, 3, 16), (RepairKind::TrailingComma, 4, 2),]
        );
    }

    #[test]
    fn comments() {
        let r = repaired("{\n  // the id\n  \"id\": \"1\", /* the name */ \"name\": \"a\"\n}");
        assert_eq!(r.value, json!({"id": "1", "name": "a"}));
        assert_eq!(kinds(&r), [(RepairKind::Comment, 2, 3), (RepairKind::Comment, 3, 14)]);
    }

    #[test]
    fn strings_with_slashes_and_commas_are_kept() {
        let r = repaired(
            "{\n  \"@odata.type\": \"#microsoft.graph.user\", // note\n  \"url\": \"https://graph.microsoft.com/v1.0/me\",\n  \"note\": \"a, b /* not a comment */ c,\",\n  \"q\": \"say \\\"hi\\\", //\",\n}",
        );
        assert_eq!(
            r.value,
            json!({
                "@odata.type": "#microsoft.graph.user",
                "url": "https://graph.microsoft.com/v1.0/me",
                "note": "a, b /* not a comment */ c,",
                "q": "say \"hi\", //"
            })
        );
        assert_eq!(kinds(&r), [(RepairKind::Comment, 2, 43), (RepairKind::TrailingComma, 5, 24)]);
    }

    #[test]
    fn smart_quotes() {
        let r = repaired("{“name”: “value”, \"title\": \"She said “hi”\"}");
        assert_eq!(r.value, json!({"name": "value", "title": "She said “hi”"}));
        assert_eq!(kinds(&r), [(RepairKind::SmartQuote, 1, 2), (RepairKind::SmartQuote, 1, 14)]);
        let r = repaired("{‘name’: ‘it \"is\"’, \"x\": \"don’t\"}");
        assert_eq!(r.value, json!({"name": "it \"is\"", "x": "don’t"}));
        assert_eq!(kinds(&r).len(), 2);
        let r = repaired("{'name': 'it\\'s'}");
        assert_eq!(r.value, json!({"name": "it's"}));
        assert_eq!(kinds(&r), [(RepairKind::SingleQuote, 1, 2), (RepairKind::SingleQuote, 1, 10)]);
    }

    #[test]
    fn missing_commas() {
        let r = repaired("{\"a\": \"1\"\n \"b\": \"2\"}");
        assert_eq!(r.value, json!({"a": "1", "b": "2"}));
        assert_eq!(kinds(&r), [(RepairKind::MissingComma, 1, 10)]);
        let r = repaired("{\n  \"value\": [\n    {\"id\": 1}\n    {\"id\": 2}\n  ]\n  \"next\": null\n}");
        assert_eq!(r.value, json!({"value": [{"id": 1}, {"id": 2}], "next": null}));
        assert_eq!(kinds(&r), [(RepairKind::MissingComma, 3, 14), (RepairKind::MissingComma, 5, 4)]);
    }

    #[test]
    fn control_chars_in_strings() {
        let r = repaired("{\"a\": \"line1\nline2\tend\"}");
        assert_eq!(r.value, json!({"a": "line1\nline2\tend"}));
        assert_eq!(kinds(&r), [(RepairKind::ControlCharInString, 1, 13)]);
        let r = repaired("{\"a\": \"x\u{1}\"}");
        assert_eq!(r.value, json!({"a": "x\u{1}"}));
    }

    #[test]
    fn unquoted_keys_and_values() {
        let r =
            repaired("{\n  blockType: \"request\",\n  isCollection: true,\n  \"@odata.type\": microsoft.graph.user\n}");
        assert_eq!(
            r.value,
            json!({"blockType": "request", "isCollection": true, "@odata.type": "microsoft.graph.user"})
        );
        assert_eq!(
            kinds(&r),
            [(RepairKind::UnquotedKey, 2, 3), (RepairKind::UnquotedKey, 3, 3), (RepairKind::UnquotedValue, 4, 18)]
        );
        let r = repaired("{\"type\": String, \"n\": -1.5e3, \"ok\": false}");
        assert_eq!(r.value, json!({"type": "String", "n": -1500.0, "ok": false}));
    }

    #[test]
    fn text_after_json() {
        let r = repaired("{\"a\": 1}\n-->");
        assert_eq!(r.value, json!({"a": 1}));
        assert_eq!(kinds(&r), [(RepairKind::TextAfterJson, 2, 1)]);
        let r = repaired("[1, 2] and more prose, with commas }");
        assert_eq!(r.value, json!([1, 2]));
        assert_eq!(kinds(&r), [(RepairKind::TextAfterJson, 1, 8)]);
    }

    #[test]
    fn annotation_with_several_defects() {
        let text =
            "{\n  blockType: “request”,\n  \"name\": \"get_user\" // the example\n  \"isCollection\": true,\n} -->";
        let r = repaired(text);
        assert_eq!(r.value, json!({"blockType": "request", "name": "get_user", "isCollection": true}));
        let names: Vec<&str> = r.repairs.iter().map(|r| r.kind.name()).collect();
        assert_eq!(
            names,
            ["unquoted-key", "smart-quote", "missing-comma", "comment", "trailing-comma", "text-after-json"]
        );
    }

    #[test]
    fn hopeless_input_is_invalid_with_the_original_position() {
        let text = "{\n  \"a\": 1,\n  \"b\": [1, 2}\n}";
        match parse_lenient(text) {
            Outcome::Invalid { message, line, column } => {
                assert_eq!(line, 3);
                assert_eq!(column, 13);
                assert!(!message.contains(" at line "), "{message}");
            }
            other => panic!("expected invalid, got {other:?}"),
        }
        for text in ["", "   ", "HTTP/1.1 204 No Content", "json\n{\"a\": 1}", "{\"a\": \"unterminated", "200 OK {}"] {
            assert!(matches!(parse_lenient(text), Outcome::Invalid { .. }), "{text:?}");
        }
        match parse_lenient("") {
            Outcome::Invalid { line, column, .. } => assert_eq!((line, column), (1, 1)),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn repair_kinds_have_names_and_descriptions() {
        let all = [
            RepairKind::TrailingComma,
            RepairKind::Comment,
            RepairKind::SmartQuote,
            RepairKind::SingleQuote,
            RepairKind::MissingComma,
            RepairKind::ControlCharInString,
            RepairKind::UnquotedKey,
            RepairKind::UnquotedValue,
            RepairKind::TextAfterJson,
        ];
        let mut names: Vec<&str> = all.iter().map(RepairKind::name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
        assert!(all.iter().all(|k| !k.describe().is_empty()));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let open = "[".repeat(depth);
        assert!(matches!(parse_lenient(&open), Outcome::Invalid { .. }));
        let balanced = format!("{}1,{}", "[".repeat(depth), "]".repeat(depth));
        assert!(matches!(parse_lenient(&balanced), Outcome::Invalid { .. }));
        let objects = "{\"a\": ".repeat(depth);
        assert!(matches!(parse_lenient(&objects), Outcome::Invalid { .. }));
    }

    #[test]
    fn large_input_is_fast() {
        let mut text = String::from("{\"value\": [\n");
        for i in 0..50_000 {
            text.push_str(&format!("  {{\"id\": \"{i}\", name: “n{i}”, // c\n  }},\n"));
        }
        text.push_str("]}\n-->");
        let started = std::time::Instant::now();
        let r = repaired(&text);
        assert!(started.elapsed().as_secs() < 20);
        assert_eq!(r.value["value"].as_array().map(Vec::len), Some(50_000));
    }

    #[test]
    fn never_panics_on_prefixes_or_noise() {
        let samples = [
            "{\n  \"displayName\": \"Adèle Vance\",\n  // the id\n  id: “1”,\n  \"tags\": ['a', ‘b’, c],\n  /* block */ \"u\": \"https://graph.microsoft.com\"\n  \"n\": -1.5e+3,\n  \"s\": \"é\\\"\\u00e9\\\\\nx\t\",\n} -->",
            "<!-- {\n  \"blockType\": \"response\",\n  \"@odata.type\": microsoft.graph.user,\n  \"isCollection\": true,\n} -->",
            "[[{“a”: [1, 2,], 'b': {\"c\": null, /* unterminated",
        ];
        for sample in samples {
            for (i, _) in sample.char_indices().chain(std::iter::once((sample.len(), ' '))) {
                let _ = parse_lenient(&sample[..i]);
                let _ = parse_lenient(&sample[i..]);
            }
        }
        let alphabet: Vec<char> = "{}[]:,\"'\\/*\n\t aé1-.e“”‘’tn\u{1}#".chars().collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let len = (seed >> 33) % 24;
            let mut s = String::new();
            for _ in 0..len {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let idx = usize::try_from((seed >> 33) % alphabet.len() as u64).unwrap_or(0);
                s.push(alphabet[idx]);
            }
            if let Outcome::Repaired(r) = parse_lenient(&s) {
                assert!(!r.repairs.is_empty(), "{s:?}");
                for rep in &r.repairs {
                    assert!(rep.line >= 1 && rep.column >= 1, "{s:?}");
                }
            }
        }
    }
}
