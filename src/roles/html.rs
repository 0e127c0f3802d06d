//! HTML (or HTML-ish text) to plain text, keeping the block structure.
//!
//! Job adverts put their descriptions in HTML, often escaped once or twice more
//! (`&lt;p&gt;...&amp;amp;...`). [`to_text`] undoes the extra escaping, strips the
//! tags and keeps the block structure a person-specification parser needs:
//! paragraphs, headings and `<div>`s become separate lines (with a blank line
//! between blocks), `<br>` breaks the line, and list items become `• item` lines.
//! A person-specification table (Essential and Desirable columns) is first
//! rewritten as headed lists (`table`).
//! `<script>` and `<style>` content is dropped. Whitespace inside a line is
//! collapsed to single spaces and runs of blank lines to one.

use std::borrow::Cow;

mod table;

/// How many layers of entity escaping around the markup are undone at most.
const MAX_UNESCAPE: usize = 3;

/// Plain text of an HTML fragment (or of already-plain text, whose line breaks are
/// kept). See the module documentation.
pub fn to_text(input: &str) -> String {
    let mut src: Cow<str> = Cow::Borrowed(input);
    // Undo escaping of the markup itself: `&lt;p&gt;` (and `&amp;lt;p&amp;gt;`).
    for _ in 0..MAX_UNESCAPE {
        if has_tag(&src) || !has_escaped_tag(&src) {
            break;
        }
        src = Cow::Owned(html_escape::decode_html_entities(&src).into_owned());
    }
    let html = has_tag(&src);
    if html && let Cow::Owned(t) = table::linearise(&src) {
        src = Cow::Owned(t);
    }
    let mut out = Builder::new(!html);
    let s: &str = &src;
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if html
            && bytes[i] == b'<'
            && let Some(tag) = parse_tag(&s[i..])
        {
            out.text(&s[text_start..i]);
            i += tag.len;
            match tag.kind {
                TagKind::Comment => {}
                TagKind::Open | TagKind::Close | TagKind::SelfClose => {
                    let name = tag.name.to_ascii_lowercase();
                    if tag.kind == TagKind::Open && (name == "script" || name == "style") {
                        // Skip to the matching close tag (or the end).
                        let rest = &s[i..];
                        let close = format!("</{name}");
                        match find_ascii_ci(rest, &close) {
                            Some(at) => {
                                let after = &rest[at..];
                                let end = after.find('>').map_or(after.len(), |e| e + 1);
                                i += at + end;
                            }
                            None => i = bytes.len(),
                        }
                    } else {
                        out.tag(&name, tag.kind == TagKind::Close);
                    }
                }
            }
            text_start = i;
        } else {
            i += 1;
        }
    }
    out.text(&s[text_start..]);
    out.finish()
}

/// Whether `s` contains something that looks like a real HTML tag.
fn has_tag(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(p) = s[from..].find('<') {
        let at = from + p;
        if let Some(t) = parse_tag(&s[at..])
            && t.kind != TagKind::Comment
            && is_known_tag(t.name)
        {
            return true;
        }
        from = at + 1;
        if from >= b.len() {
            break;
        }
    }
    false
}

/// Whether `s` contains an escaped known tag such as `&lt;p&gt;` or `&amp;lt;br /&amp;gt;`.
fn has_escaped_tag(s: &str) -> bool {
    let mut from = 0;
    while let Some(p) = s[from..].find("&lt;") {
        let at = from + p + 4;
        let rest = &s[at..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if is_known_tag(&name) {
            return true;
        }
        from = at;
    }
    s.contains("&amp;lt;")
}

fn is_known_tag(name: &str) -> bool {
    const TAGS: &[&str] = &[
        "a",
        "b",
        "i",
        "u",
        "p",
        "br",
        "hr",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "div",
        "span",
        "strong",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "font",
        "img",
        "sup",
        "sub",
        "small",
        "script",
        "style",
        "html",
        "body",
        "head",
        "title",
        "meta",
        "link",
        "center",
        "main",
        "nav",
        "figure",
        "caption",
        "label",
        "code",
        "s",
        "strike",
        "ins",
        "del",
    ];
    let lower = name.to_ascii_lowercase();
    TAGS.contains(&lower.as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Open,
    Close,
    SelfClose,
    Comment,
}

struct Tag<'a> {
    name: &'a str,
    kind: TagKind,
    /// Length in bytes including `<` and `>`.
    len: usize,
}

/// Parses the tag at the start of `s` (which starts with `<`), if it is one.
fn parse_tag(s: &str) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    if let Some(rest) = s.strip_prefix("<!--") {
        let end = rest.find("-->").map_or(s.len(), |e| 4 + e + 3);
        return Some(Tag {
            name: "",
            kind: TagKind::Comment,
            len: end,
        });
    }
    if s.starts_with("<!") || s.starts_with("<?") {
        let end = s.find('>')? + 1;
        return Some(Tag {
            name: "",
            kind: TagKind::Comment,
            len: end,
        });
    }
    let (close, start) = if b.get(1) == Some(&b'/') {
        (true, 2)
    } else {
        (false, 1)
    };
    let first = *b.get(start)?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_end = start
        + b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b':' || *c == b'-'))
            .unwrap_or(b.len() - start);
    let name = &s[start..name_end];
    // Find the closing '>' outside quotes.
    let mut quote: Option<u8> = None;
    let mut j = name_end;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'>' => break,
                b'<' => return None,
                _ => {}
            },
        }
        j += 1;
    }
    if j >= b.len() {
        return None;
    }
    // After the name there must be whitespace, '/', or '>'.
    match b.get(name_end) {
        Some(c) if c.is_ascii_whitespace() || *c == b'/' || *c == b'>' => {}
        _ => return None,
    }
    let kind = if close {
        TagKind::Close
    } else if j > 0 && b[j - 1] == b'/' {
        TagKind::SelfClose
    } else {
        TagKind::Open
    };
    Some(Tag {
        name,
        kind,
        len: j + 1,
    })
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Decodes entities in a text run, again when the result still holds entities
/// (double-escaped text such as `&amp;ndash;`).
fn decode_text(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut cur: Cow<str> = html_escape::decode_html_entities(s);
    for _ in 1..MAX_UNESCAPE {
        if !has_entity(&cur) {
            break;
        }
        cur = Cow::Owned(html_escape::decode_html_entities(&cur).into_owned());
    }
    cur
}

/// Whether `s` contains something like `&amp;`, `&ndash;` or `&#163;`.
fn has_entity(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(p) = s[i..].find('&') {
        let at = i + p + 1;
        let mut j = at;
        if b.get(j) == Some(&b'#') {
            j += 1;
        }
        let start = j;
        while j < b.len() && b[j].is_ascii_alphanumeric() && j - start < 10 {
            j += 1;
        }
        if j > start && b.get(j) == Some(&b';') {
            return true;
        }
        i = at;
        if i >= b.len() {
            break;
        }
    }
    false
}

/// Accumulates text into lines, collapsing whitespace.
struct Builder {
    /// Finished lines.
    out: String,
    /// The line being built.
    line: String,
    /// Whether a space is pending before the next word on this line.
    space: bool,
    /// Whether newlines in text runs are line breaks (plain text input).
    plain: bool,
    /// Separator before the next finished line: 1 newline, 2 blank line.
    sep: u8,
    /// A list item started and its marker is not written yet.
    li_fresh: bool,
}

impl Builder {
    fn new(plain: bool) -> Self {
        Builder {
            out: String::new(),
            line: String::new(),
            space: false,
            plain,
            sep: 0,
            li_fresh: false,
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let mut decoded = decode_text(raw);
        if decoded.contains('\u{200b}') {
            decoded = Cow::Owned(decoded.replace('\u{200b}', " "));
        }
        for (n, seg) in decoded.split('\n').enumerate() {
            if n > 0 {
                if self.plain {
                    if self.line.is_empty() {
                        // A blank source line: a paragraph break.
                        self.sep = 2;
                    } else {
                        self.brk(1);
                    }
                } else {
                    self.space = true;
                }
            }
            if seg.starts_with(char::is_whitespace) {
                self.space = true;
            }
            for (k, word) in seg.split_whitespace().enumerate() {
                if k > 0 {
                    self.space = true;
                }
                self.word(word);
            }
            if seg.ends_with(char::is_whitespace) {
                self.space = true;
            }
        }
    }

    fn word(&mut self, w: &str) {
        if self.line.is_empty() {
            if self.li_fresh {
                self.line.push_str("• ");
                self.li_fresh = false;
            }
        } else if self.space && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
        self.space = false;
        self.line.push_str(w);
    }

    /// Ends the current line: a line (1) or paragraph (2) break.
    fn brk(&mut self, kind: u8) {
        if self.line.is_empty() {
            self.sep = self.sep.max(kind);
        } else {
            self.end_line();
            self.sep = kind;
        }
        self.space = false;
    }

    fn end_line(&mut self) {
        let line = self.line.trim_end();
        if !line.is_empty() && line != "•" {
            if !self.out.is_empty() {
                self.out.push('\n');
                if self.sep >= 2 {
                    self.out.push('\n');
                }
            }
            self.out.push_str(line);
        }
        self.line.clear();
        self.sep = 0;
    }

    fn tag(&mut self, name: &str, close: bool) {
        match name {
            "br" => {
                if self.line.is_empty() {
                    self.sep = 2;
                } else {
                    self.brk(1);
                }
            }
            "li" => {
                self.brk(1);
                self.li_fresh = !close;
            }
            "dt" | "dd" | "tr" => self.brk(1),
            "td" | "th" => self.space = true,
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "dl"
            | "table" | "section" | "article" | "header" | "footer" | "blockquote" | "pre"
            | "hr" | "center" | "main" | "nav" | "figure" | "caption" | "body" | "html"
            | "title" => {
                if matches!(name, "ul" | "ol") {
                    self.li_fresh = false;
                }
                self.brk(2);
            }
            _ => {}
        }
    }

    fn finish(mut self) -> String {
        self.end_line();
        self.out
    }
}

/// Plain text of `input` on one line (whitespace collapsed): for short fields
/// such as titles and names that may hold entities or tags.
pub fn to_line(input: &str) -> String {
    let t = to_text(input);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_paragraphs() {
        let t = to_text("<p>Hello <b>world</b></p><p>Second&nbsp;para</p>");
        assert_eq!(t, "Hello world\n\nSecond para");
    }

    #[test]
    fn decodes_escaped_markup() {
        let t = to_text(
            "&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;&lt;p&gt;&amp;pound;5 &amp;ndash; cheap&lt;/p&gt;",
        );
        assert_eq!(t, "Fish & chips\n\n£5 – cheap");
    }

    #[test]
    fn decodes_double_escaped_markup() {
        let t = to_text("&amp;lt;p&amp;gt;A &amp;amp;amp; B&amp;lt;/p&amp;gt;");
        assert_eq!(t, "A & B");
    }

    #[test]
    fn list_items_become_bullets() {
        let t = to_text(
            "<p>Essential:</p><ul><li>Python</li><li> SQL &amp; dbt </li></ul><p>After</p>",
        );
        assert_eq!(t, "Essential:\n\n• Python\n• SQL & dbt\n\nAfter");
    }

    #[test]
    fn nested_lists_and_inline_tags_in_items() {
        let t = to_text("<ul><li><strong>Skills</strong>: <em>Python</em></li>\n<li>R</li></ul>");
        assert_eq!(t, "• Skills: Python\n• R");
    }

    #[test]
    fn br_and_headings() {
        let t = to_text("<h2>Person Specification</h2>Essential<br>Degree<br/>MSc<br />PhD");
        assert_eq!(t, "Person Specification\n\nEssential\nDegree\nMSc\nPhD");
    }

    #[test]
    fn drops_script_and_style() {
        let t = to_text(
            "<style>p{color:red}</style><p>Hi</p><script>alert('<p>x</p>')</script><!-- c -->there",
        );
        assert_eq!(t, "Hi\n\nthere");
    }

    #[test]
    fn plain_text_keeps_lines_and_less_than() {
        let t = to_text("Essential: a; b\nDesirable:  c\n\n\nNext < 5 & so on");
        assert_eq!(t, "Essential: a; b\nDesirable: c\n\nNext < 5 & so on");
    }

    #[test]
    fn html_whitespace_collapses() {
        let t = to_text("<p>\n  A\n  line\u{a0}\u{a0}here </p>\n<p>&nbsp;</p>\n<p>B</p>");
        assert_eq!(t, "A line here\n\nB");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "<p>x<",
            "&",
            "&#;",
            "&lt;",
            "<<>>",
            "<a href='x>y",
            "é<b>é</b>é",
            "</>",
        ] {
            let _ = to_text(s);
        }
        assert_eq!(to_text("a <b"), "a <b");
    }

    #[test]
    fn inline_tags_join_or_space_words() {
        assert_eq!(
            to_text("<p>a<b>b</b> c <i> d</i>e\u{200b}f</p>"),
            "ab c de f"
        );
    }

    #[test]
    fn one_line() {
        assert_eq!(
            to_line(" Senior &amp; <b>Lead</b>\n Analyst "),
            "Senior & Lead Analyst"
        );
    }
}
