//! A small, forgiving lexer for PDF content streams.
//!
//! It yields operators with their operands. Malformed input never panics: unknown
//! bytes are skipped, unterminated strings end at the end of the stream, and array
//! and dictionary nesting is bounded. Inline images (`BI … ID … EI`) are skipped.

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand {
    Num(f32),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    Dict(Vec<(Vec<u8>, Operand)>),
    Bool(bool),
    Null,
}

impl Operand {
    pub(super) fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// Maximum nesting of arrays and dictionaries inside a content stream.
const MAX_DEPTH: usize = 32;
/// Operands beyond this many before an operator are dropped (garbage protection).
const MAX_OPERANDS: usize = 4096;

pub(super) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Inline images (`BI … EI`) skipped so far.
    pub(super) inline_images: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

enum Item<'a> {
    Operand(Operand),
    Keyword(&'a [u8]),
    ArrayEnd,
    DictEnd,
    Eof,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            inline_images: 0,
        }
    }

    /// Reads operands into `ops` (cleared first) and returns the next operator, or
    /// `None` at the end of the stream.
    pub(super) fn next_op(&mut self, ops: &mut Vec<Operand>) -> Option<&'a [u8]> {
        ops.clear();
        loop {
            match self.item(0) {
                Item::Eof => return None,
                Item::Keyword(k) => match k {
                    b"true" => push(ops, Operand::Bool(true)),
                    b"false" => push(ops, Operand::Bool(false)),
                    b"null" => push(ops, Operand::Null),
                    b"BI" => {
                        self.inline_images += 1;
                        self.skip_inline_image();
                        ops.clear();
                    }
                    _ => return Some(k),
                },
                Item::Operand(o) => push(ops, o),
                Item::ArrayEnd | Item::DictEnd => {}
            }
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\r' | b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn item(&mut self, depth: usize) -> Item<'a> {
        self.skip_ws();
        while let Some(b'{' | b'}' | b')') = self.data.get(self.pos) {
            self.pos += 1;
            self.skip_ws();
        }
        let Some(&b) = self.data.get(self.pos) else {
            return Item::Eof;
        };
        match b {
            b'/' => {
                self.pos += 1;
                Item::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Item::Operand(Operand::Str(self.literal()))
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Item::Operand(self.dict(depth + 1))
                } else {
                    self.pos += 1;
                    Item::Operand(Operand::Str(self.hex()))
                }
            }
            b'>' => {
                self.pos += 1;
                if self.data.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                Item::DictEnd
            }
            b'[' => {
                self.pos += 1;
                Item::Operand(self.array(depth + 1))
            }
            b']' => {
                self.pos += 1;
                Item::ArrayEnd
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => Item::Operand(Operand::Num(self.number())),
            _ => {
                let start = self.pos;
                while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
                    self.pos += 1;
                }
                Item::Keyword(&self.data[start..self.pos])
            }
        }
    }

    fn array(&mut self, depth: usize) -> Operand {
        let mut v = Vec::new();
        loop {
            if depth > MAX_DEPTH {
                // Too deep: skip to the matching bracket without building anything.
                self.skip_balanced(b'[', b']');
                return Operand::Array(v);
            }
            match self.item(depth) {
                Item::Eof | Item::ArrayEnd => return Operand::Array(v),
                Item::Operand(o) => {
                    if v.len() < MAX_OPERANDS {
                        v.push(o)
                    }
                }
                Item::Keyword(_) | Item::DictEnd => {}
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Operand {
        let mut v: Vec<(Vec<u8>, Operand)> = Vec::new();
        let mut key: Option<Vec<u8>> = None;
        loop {
            if depth > MAX_DEPTH {
                self.skip_balanced(b'<', b'>');
                return Operand::Dict(v);
            }
            match self.item(depth) {
                Item::Eof | Item::DictEnd => return Operand::Dict(v),
                Item::Operand(o) => match key.take() {
                    None => {
                        if let Operand::Name(n) = o {
                            key = Some(n)
                        }
                    }
                    Some(k) => {
                        if v.len() < MAX_OPERANDS {
                            v.push((k, o))
                        }
                    }
                },
                Item::Keyword(_) | Item::ArrayEnd => {}
            }
        }
    }

    fn skip_balanced(&mut self, open: u8, close: u8) {
        let mut level = 1usize;
        while self.pos < self.data.len() && level > 0 {
            let b = self.data[self.pos];
            if b == open {
                level += 1;
            } else if b == close {
                level -= 1;
            }
            self.pos += 1;
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
            let b = self.data[self.pos];
            if b == b'#'
                && let (Some(h), Some(l)) = (
                    self.data.get(self.pos + 1).and_then(|&c| hex_val(c)),
                    self.data.get(self.pos + 2).and_then(|&c| hex_val(c)),
                )
            {
                out.push(h * 16 + l);
                self.pos += 3;
                continue;
            }
            out.push(b);
            self.pos += 1;
        }
        out
    }

    fn number(&mut self) -> f32 {
        let start = self.pos;
        while self.pos < self.data.len()
            && matches!(
                self.data[self.pos],
                b'0'..=b'9' | b'+' | b'-' | b'.' | b'e' | b'E'
            )
        {
            self.pos += 1;
        }
        parse_number(&self.data[start..self.pos])
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut level = 1usize;
        let d = self.data;
        while self.pos < d.len() {
            let b = d[self.pos];
            self.pos += 1;
            match b {
                b'(' => {
                    level += 1;
                    out.push(b);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = d.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if d.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v: u32 = (e - b'0') as u32;
                            for _ in 0..2 {
                                match d.get(self.pos) {
                                    Some(&c @ b'0'..=b'7') => {
                                        v = v * 8 + (c - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_val(b) {
                match hi.take() {
                    None => hi = Some(v),
                    Some(h) => out.push(h * 16 + v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h * 16);
        }
        out
    }

    /// Skips an inline image: the dictionary up to `ID`, then binary data up to
    /// `EI` standing on its own between white space.
    fn skip_inline_image(&mut self) {
        let d = self.data;
        // Find the ID keyword.
        loop {
            match self.item(0) {
                Item::Eof => return,
                Item::Keyword(b"ID") => break,
                _ => {}
            }
        }
        self.pos += 1; // the single white-space byte after ID
        while self.pos + 1 < d.len() {
            if d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && d.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = d.len();
    }
}

fn push(ops: &mut Vec<Operand>, o: Operand) {
    if ops.len() < MAX_OPERANDS {
        ops.push(o);
    }
}

/// Parses a PDF number leniently (`--5`, `5.`, `.5`, `1-2` all give something).
pub(super) fn parse_number(s: &[u8]) -> f32 {
    let mut neg = false;
    let mut i = 0;
    while i < s.len() && matches!(s[i], b'+' | b'-') {
        if s[i] == b'-' {
            neg = !neg;
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    while i < s.len() && s[i].is_ascii_digit() {
        int = int * 10.0 + (s[i] - b'0') as f64;
        i += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        let mut scale = 0.1;
        while i < s.len() && s[i].is_ascii_digit() {
            int += (s[i] - b'0') as f64 * scale;
            scale *= 0.1;
            i += 1;
        }
    }
    let v = if neg { -int } else { int };
    let v = v as f32;
    if v.is_finite() { v } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lx = Lexer::new(s);
        let mut ops = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            out.push((String::from_utf8_lossy(op).into_owned(), ops.clone()));
        }
        out
    }

    #[test]
    fn lexes_text_operators() {
        let v =
            all(b"BT /F1 12 Tf 1 0 0 1 72.5 -7e Tm (a\\(b\\)c\\101) Tj [(x) -250 <4142>] TJ ET");
        assert_eq!(v[1].0, "Tf");
        assert_eq!(
            v[1].1,
            vec![Operand::Name(b"F1".to_vec()), Operand::Num(12.0)]
        );
        assert_eq!(v[3].1, vec![Operand::Str(b"a(b)cA".to_vec())]);
        assert_eq!(
            v[4].1,
            vec![Operand::Array(vec![
                Operand::Str(b"x".to_vec()),
                Operand::Num(-250.0),
                Operand::Str(b"AB".to_vec())
            ])]
        );
    }

    #[test]
    fn skips_inline_images_and_survives_garbage() {
        let v = all(b"BI /W 1 /H 1 ID \x00EI\xffEI Q EI q ((unterminated");
        assert_eq!(v[0].0, "q");
        let deep = vec![b'['; 10000];
        let _ = all(&deep);
        let _ = all(b"<< /A << /B [1 2 ] >> >> BDC )))>>]] 1 2 3");
    }
}
