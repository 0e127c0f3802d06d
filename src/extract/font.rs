//! Fonts: from a PDF font dictionary to a decoder of string bytes into Unicode text
//! and glyph advances.
//!
//! Text comes from the ToUnicode CMap when there is one, else from the simple-font
//! encoding (base encoding plus `/Differences` glyph names, or the built-in encoding
//! named in the clear-text part of an embedded Type 1 program), or for CID fonts
//! from the code itself (`Uni…-UCS2` encodings) or Adobe's CID-to-Unicode table of
//! the font's character collection (`cid`). Predefined CJK encoding CMaps
//! (`GBK-EUC-H`, …) split codes and give CIDs. When none of these maps a code, the
//! `cmap` table (and `post` glyph names) of an embedded TrueType/OpenType program
//! is read, once and only then, to map the glyph back to Unicode (`sfnt`). Font programs are otherwise
//! never read, and glyphs are never interpreted.

use std::cell::OnceCell;

use lopdf::{Dictionary, Document, Object, Stream};

use super::cid::{Collection, Predefined};
use super::cmap::CMap;
use super::encodings::{BaseEncoding, glyph_name_to_str};
use super::sfnt::GlyphMap;

/// Limit on decompressed font-related streams (CMaps, Type 1 headers).
const MAX_STREAM: usize = 8 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Simple,
    Type0,
    Type3,
}

/// An embedded TrueType/OpenType program, read only when a code maps to nothing
/// else.
#[derive(Debug)]
struct Program<'a> {
    stream: &'a Stream,
    /// `/CIDToGIDMap` stream of a CIDFontType2 (identity when absent).
    cid_to_gid: Option<&'a Stream>,
    /// Parsed on first need: the font's `cmap`, and the CID-to-GID table.
    parsed: OnceCell<Option<(GlyphMap, Vec<u16>)>>,
}

#[derive(Debug)]
pub(super) struct Font<'a> {
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Encoding CMap of a Type0 font (code-space ranges and CIDs), if embedded.
    enc_cmap: Option<CMap>,
    /// Predefined encoding CMap of a Type0 font (`GBK-EUC-H`, `UniJIS-UCS2-H`, …).
    predefined: Option<Predefined>,
    /// Adobe character collection of a CID font's CIDs, for fonts without ToUnicode.
    collection: Option<Collection>,
    /// Embedded TrueType/OpenType program, for codes nothing else maps.
    program: Option<Program<'a>>,
    /// Text of each single-byte code for simple fonts.
    simple: Vec<Option<String>>,
    first_char: u32,
    widths: Vec<f32>,
    /// CID ranges from `/W` (the `first last w` form), disjoint.
    cid_widths: CidRanges,
    /// Codes are UTF-16 code units (predefined `Uni…-UCS2-…`/`-UTF16-` CMaps).
    unicode_codes: bool,
    /// Single-CID widths from `/W` (the common `c [w1 w2 …]` form).
    cid_width_map: std::collections::HashMap<u32, f32>,
    default_width: f32,
    /// Standard-14 style fallback widths for codes 32..=126 (in 1/1000 em).
    std_widths: Option<&'static [u16; 95]>,
    /// Width units to text space (0.001, or FontMatrix[0] for Type 3).
    scale: f32,
    /// Bold by name, weight or flags.
    pub(super) bold: bool,
}

/// One decoded code of a shown string.
pub(super) struct Code<'a> {
    /// The Unicode text (may be empty when unknown).
    pub(super) text: std::borrow::Cow<'a, str>,
    /// Advance in text-space units for a font size of 1.
    pub(super) width: f32,
    /// A single-byte code 32, which gets word spacing (`Tw`).
    pub(super) is_space_code: bool,
    /// No decoding (ToUnicode, encoding, glyph name, Unicode code) gave text for
    /// this code, or only U+FFFD or control characters.
    pub(super) unmapped: bool,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => stream_bytes_of(s),
        _ => None,
    }
}

fn stream_bytes_of(s: &Stream) -> Option<Vec<u8>> {
    s.decompressed_content_with_limit(MAX_STREAM)
        .ok()
        .or_else(|| (s.dict.get(b"Filter").is_err()).then(|| s.content.clone()))
}

impl<'a> Font<'a> {
    /// A font for a missing or broken font resource: Helvetica-like, StandardEncoding.
    pub(super) fn fallback() -> Font<'static> {
        Font {
            kind: Kind::Simple,
            to_unicode: None,
            enc_cmap: None,
            predefined: None,
            collection: None,
            program: None,
            simple: (0..256u32)
                .map(|c| BaseEncoding::Standard.char(c as u8).map(String::from))
                .collect(),
            first_char: 0,
            widths: Vec::new(),
            cid_widths: CidRanges::default(),
            cid_width_map: Default::default(),
            unicode_codes: false,
            default_width: 500.0,
            std_widths: Some(&HELVETICA),
            scale: 0.001,
            bold: false,
        }
    }

    pub(super) fn load(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let subtype = get(doc, dict, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"Type1");
        let kind = match subtype {
            b"Type0" => Kind::Type0,
            b"Type3" => Kind::Type3,
            _ => Kind::Simple,
        };
        let base_font = get(doc, dict, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"")
            .to_vec();
        let base_str = String::from_utf8_lossy(&base_font).to_ascii_lowercase();
        // Strip a subset prefix "ABCDEF+".
        let plain_name = match base_str.find('+') {
            Some(6) => base_str[7..].to_string(),
            _ => base_str.clone(),
        };

        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());

        // The descendant (CID) font of a Type0 font holds widths and descriptor.
        let descendant: Option<&Dictionary> = if kind == Kind::Type0 {
            get(doc, dict, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok())
        } else {
            None
        };
        let wdict = descendant.unwrap_or(dict);
        let descriptor = get(doc, wdict, b"FontDescriptor").and_then(|o| o.as_dict().ok());

        let mut bold = ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| plain_name.contains(w));
        let mut flags = 0i64;
        if let Some(fd) = descriptor {
            if let Some(w) = get(doc, fd, b"FontWeight").and_then(num) {
                bold |= w >= 600.0;
            }
            if let Some(Object::Integer(f)) = get(doc, fd, b"Flags") {
                flags = *f;
                bold |= f & (1 << 18) != 0;
            }
        }
        let symbolic = flags & 4 != 0 && flags & 32 == 0;

        // An embedded TrueType (FontFile2) or OpenType (FontFile3 /OpenType) program.
        // Among CID fonts only CIDFontType2 ones: their CIDs are glyph ids through
        // /CIDToGIDMap, where a CIDFontType0's glyph ids would need its CFF charset.
        let cid_type2 = descendant
            .and_then(|d| get(doc, d, b"Subtype"))
            .and_then(|o| o.as_name().ok())
            == Some(b"CIDFontType2");
        let program = descriptor
            .filter(|_| kind != Kind::Type0 || cid_type2)
            .and_then(|fd| {
                let stream = match get(doc, fd, b"FontFile2") {
                    Some(Object::Stream(s)) => s,
                    _ => match get(doc, fd, b"FontFile3") {
                        Some(Object::Stream(s))
                            if s.dict.get(b"Subtype").and_then(|o| o.as_name()).ok()
                                == Some(b"OpenType") =>
                        {
                            s
                        }
                        _ => return None,
                    },
                };
                let cid_to_gid = match get(doc, wdict, b"CIDToGIDMap") {
                    Some(Object::Stream(s)) if kind == Kind::Type0 => Some(s),
                    _ => None,
                };
                Some(Program {
                    stream,
                    cid_to_gid,
                    parsed: OnceCell::new(),
                })
            });

        let mut font = Font {
            kind,
            to_unicode,
            enc_cmap: None,
            predefined: None,
            collection: None,
            program,
            simple: Vec::new(),
            first_char: 0,
            widths: Vec::new(),
            cid_widths: CidRanges::default(),
            cid_width_map: Default::default(),
            unicode_codes: false,
            default_width: 0.0,
            std_widths: None,
            scale: 0.001,
            bold,
        };

        match kind {
            Kind::Type0 => {
                if let Some(Object::Name(n)) = get(doc, dict, b"Encoding") {
                    font.predefined = Predefined::load(n);
                    let n = String::from_utf8_lossy(n);
                    font.unicode_codes =
                        n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16"));
                }
                // The CIDs' character collection (PDF 32000-1 9.10.2): from the
                // CIDFont's CIDSystemInfo, else from a predefined encoding CMap.
                let info = get(doc, wdict, b"CIDSystemInfo").and_then(|o| o.as_dict().ok());
                let string = |k: &[u8]| {
                    info.and_then(|i| get(doc, i, k))
                        .and_then(|o| o.as_str().ok())
                        .unwrap_or(b"")
                };
                font.collection =
                    Collection::from_registry_ordering(string(b"Registry"), string(b"Ordering"))
                        .or_else(|| font.predefined.as_ref().and_then(|p| p.collection));
                if let Some(Object::Stream(_)) = get(doc, dict, b"Encoding") {
                    font.enc_cmap = dict
                        .get(b"Encoding")
                        .ok()
                        .and_then(|o| stream_bytes(doc, o))
                        .map(|b| CMap::parse(&b));
                }
                font.default_width = get(doc, wdict, b"DW").and_then(num).unwrap_or(1000.0);
                if let Some(Object::Array(w)) = get(doc, wdict, b"W") {
                    let mut ranges = Vec::new();
                    for (lo, hi, v) in parse_w(doc, w) {
                        if lo == hi {
                            font.cid_width_map.entry(lo).or_insert(v);
                        } else {
                            ranges.push((lo, hi, v));
                        }
                    }
                    font.cid_widths = CidRanges::first_wins(&ranges);
                }
            }
            Kind::Simple | Kind::Type3 => {
                font.first_char = get(doc, dict, b"FirstChar")
                    .and_then(num)
                    .map(|f| f.clamp(0.0, 255.0) as u32)
                    .unwrap_or(0);
                if let Some(Object::Array(w)) = get(doc, dict, b"Widths") {
                    font.widths = w
                        .iter()
                        .take(256)
                        .map(|o| num(deref(doc, o)).unwrap_or(0.0))
                        .collect();
                }
                font.default_width = descriptor
                    .and_then(|fd| get(doc, fd, b"MissingWidth"))
                    .and_then(num)
                    .unwrap_or(0.0);
                if font.widths.is_empty() {
                    let (std, dw) = standard_widths(&plain_name);
                    font.std_widths = std;
                    if font.default_width == 0.0 {
                        font.default_width = dw;
                    }
                }
                if kind == Kind::Type3 {
                    font.scale = get(doc, dict, b"FontMatrix")
                        .and_then(|o| o.as_array().ok())
                        .and_then(|a| a.first())
                        .and_then(num)
                        .filter(|v| *v != 0.0 && v.abs() < 10.0)
                        .unwrap_or(0.001);
                }
                font.simple =
                    simple_encoding(doc, dict, descriptor, &plain_name, symbolic, subtype);
            }
        }
        font
    }

    /// Advance of a code (of a CID for Type 0 fonts) in text space for size 1.
    fn width_of(&self, code: u32, cid: u32) -> f32 {
        let w = match self.kind {
            Kind::Type0 => match self.cid_width_map.get(&cid) {
                Some(&w) => w,
                None => self.cid_widths.get(cid).unwrap_or(self.default_width),
            },
            _ => {
                let i = code.wrapping_sub(self.first_char) as usize;
                match self.widths.get(i) {
                    Some(&w) if code >= self.first_char => w,
                    _ => match self.std_widths {
                        Some(t) if (32..=126).contains(&code) => t[(code - 32) as usize] as f32,
                        _ => self.default_width,
                    },
                }
            }
        };
        w * self.scale
    }

    /// Decodes the bytes of a shown string, calling `f` for each code.
    pub(super) fn decode(&self, bytes: &[u8], mut f: impl FnMut(Code<'_>)) {
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let (code, cid, n) = match (self.kind, &self.predefined) {
                (Kind::Type0, Some(p)) => p.next_code(rest),
                (Kind::Type0, None) => {
                    let (code, n) = match &self.enc_cmap {
                        Some(c) if !c.codespace.is_empty() => c.next_code(rest, 2),
                        _ if rest.len() >= 2 => (u16::from_be_bytes([rest[0], rest[1]]) as u32, 2),
                        _ => (rest[0] as u32, 1),
                    };
                    let cid = self.enc_cmap.as_ref().map_or(code, |c| c.cid(code));
                    (code, cid, n)
                }
                _ => (rest[0] as u32, rest[0] as u32, 1),
            };
            i += n.max(1);
            let mut text: std::borrow::Cow<'_, str> = std::borrow::Cow::Borrowed("");
            if let Some(tu) = &self.to_unicode
                && let Some(s) = tu.lookup(code)
                && !s.is_empty()
                && !s.chars().all(|c| c == '\0')
            {
                text = std::borrow::Cow::Owned(s);
            }
            if text.is_empty()
                && self.kind != Kind::Type0
                && let Some(Some(s)) = self.simple.get(code as usize)
            {
                text = std::borrow::Cow::Borrowed(s.as_str());
            }
            if text.is_empty()
                && self.unicode_codes
                && let Some(c) = char::from_u32(code).filter(|c| !c.is_control())
            {
                text = std::borrow::Cow::Owned(c.to_string());
            }
            if text.is_empty()
                && let Some(col) = self.collection
                && let Some(s) = col.text(cid)
            {
                text = std::borrow::Cow::Owned(s);
            }
            if text.is_empty()
                && let Some(s) = self.program_text(code, cid)
            {
                text = std::borrow::Cow::Owned(s);
            }
            let unmapped = text
                .chars()
                .all(|c| c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()));
            f(Code {
                text,
                width: self.width_of(code, cid),
                is_space_code: n == 1 && code == 32,
                unmapped,
            });
        }
    }
}

impl Font<'_> {
    /// Text of a code through the embedded program's `cmap` table: CID to glyph id
    /// (`/CIDToGIDMap`, identity by default) for CID fonts, the code through the
    /// symbol (3,0) or Mac (1,0) subtable for simple TrueType fonts; then the glyph
    /// back to Unicode. The program is parsed on the first call only.
    fn program_text(&self, code: u32, cid: u32) -> Option<String> {
        let p = self.program.as_ref()?;
        let (map, cid_to_gid) = p
            .parsed
            .get_or_init(|| {
                let data = stream_bytes_of(p.stream)?;
                let map = GlyphMap::parse(&data)?;
                let table = p
                    .cid_to_gid
                    .and_then(stream_bytes_of)
                    .map(|b| {
                        b.chunks_exact(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect()
                    })
                    .unwrap_or_default();
                Some((map, table))
            })
            .as_ref()?;
        let gid = match self.kind {
            Kind::Type0 if cid_to_gid.is_empty() => u16::try_from(cid).ok()?,
            Kind::Type0 => *cid_to_gid.get(cid as usize)?,
            Kind::Simple => map.byte_code_gid(code)?,
            Kind::Type3 => return None,
        };
        map.text(gid)
    }
}

/// CID ranges with widths as disjoint intervals keyed by their first CID, so
/// that a glyph's width is one ordered-map lookup whatever the number of ranges
/// (a crafted `/W` may hold 100,000).
#[derive(Debug, Clone, Default)]
struct CidRanges(std::collections::BTreeMap<u32, (u32, f32)>);

impl CidRanges {
    /// The ranges as the PDF gives them; where they overlap the first one
    /// wins, as a scan in order would find it. Built by painting them in
    /// reverse order, each over what is there: every interval is split or
    /// removed at most once per paint, so building is O(n log n).
    fn first_wins(ranges: &[(u32, u32, f32)]) -> CidRanges {
        let mut map = std::collections::BTreeMap::new();
        for &(lo, hi, w) in ranges.iter().rev() {
            if hi < lo {
                continue;
            }
            Self::split_at(&mut map, lo);
            if let Some(after) = hi.checked_add(1) {
                Self::split_at(&mut map, after);
            }
            let covered: Vec<u32> = map.range(lo..=hi).map(|(&k, _)| k).collect();
            for k in covered {
                map.remove(&k);
            }
            map.insert(lo, (hi, w));
        }
        CidRanges(map)
    }

    /// Splits the interval holding `at` (if it starts before it) into two.
    fn split_at(map: &mut std::collections::BTreeMap<u32, (u32, f32)>, at: u32) {
        if let Some((&start, &(end, w))) = map.range(..at).next_back()
            && end >= at
        {
            map.insert(start, (at - 1, w));
            map.insert(at, (end, w));
        }
    }

    /// The width of `cid`, if a range holds it.
    fn get(&self, cid: u32) -> Option<f32> {
        self.0
            .range(..=cid)
            .next_back()
            .filter(|(_, (end, _))| *end >= cid)
            .map(|(_, (_, w))| *w)
    }
}

fn parse_w(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() && out.len() < 100_000 {
        let Some(first) = num(deref(doc, &w[i])) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate() {
                    if let Some(v) = num(deref(doc, o)) {
                        let c = first + k as u32;
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| num(deref(doc, o)))
                    .unwrap_or(1000.0);
                out.push((first, last.max(first), v));
                i += 3;
            }
            None => break,
        }
    }
    out
}

fn simple_encoding(
    doc: &Document,
    dict: &Dictionary,
    descriptor: Option<&Dictionary>,
    name: &str,
    symbolic: bool,
    subtype: &[u8],
) -> Vec<Option<String>> {
    let is_symbol = name.starts_with("symbol");
    let is_dingbats = name.contains("dingbats");
    let truetype = subtype == b"TrueType";
    // Built-in encoding of an embedded Type 1 program, if any.
    let builtin = || -> Option<Vec<Option<String>>> {
        let fd = descriptor?;
        let ff = fd.get(b"FontFile").ok()?;
        let bytes = match deref(doc, ff) {
            Object::Stream(s) => type1_clear_text(s)?,
            _ => return None,
        };
        type1_builtin_encoding(&bytes)
    };
    let base_default = if is_symbol {
        BaseEncoding::Symbol
    } else if truetype {
        BaseEncoding::WinAnsi
    } else {
        BaseEncoding::Standard
    };
    let from_base = |b: BaseEncoding| -> Vec<Option<String>> {
        (0..256u32)
            .map(|c| b.char(c as u8).map(String::from))
            .collect()
    };
    let mut table: Vec<Option<String>>;
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            table = from_base(BaseEncoding::from_name(n).unwrap_or(base_default));
        }
        Some(Object::Dictionary(ed)) => {
            let base = get(doc, ed, b"BaseEncoding")
                .and_then(|o| o.as_name().ok())
                .and_then(BaseEncoding::from_name);
            table = match base {
                Some(b) => from_base(b),
                None if !truetype => builtin().unwrap_or_else(|| from_base(base_default)),
                None => from_base(base_default),
            };
            if let Some(Object::Array(diffs)) = get(doc, ed, b"Differences") {
                let mut code: usize = 0;
                for o in diffs {
                    match deref(doc, o) {
                        Object::Integer(i) => code = (*i).clamp(0, 1 << 20) as usize,
                        Object::Real(r) => code = r.max(0.0) as usize,
                        Object::Name(n) => {
                            if code < 256 {
                                table[code] = glyph_name_to_str(n);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {
            table = if is_dingbats {
                vec![None; 256]
            } else if subtype == b"Type1" && !is_symbol {
                builtin().unwrap_or_else(|| from_base(base_default))
            } else if symbolic && truetype {
                from_base(BaseEncoding::WinAnsi)
            } else {
                from_base(base_default)
            };
        }
    }
    table.resize(256, None);
    table
}

/// The clear-text part of a Type 1 program (up to `eexec`, where its encoding
/// is), inflated alone when the stream is plainly Flate-compressed and says how
/// long that part is (`/Length1`): the encrypted glyph programs after it, most
/// of the bytes, are never needed.
fn type1_clear_text(s: &Stream) -> Option<Vec<u8>> {
    use std::io::Read;
    let flate_only = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => {
            a.len() == 1 && a[0].as_name().ok() == Some(b"FlateDecode".as_slice())
        }
        _ => false,
    };
    let clear = match s.dict.get(b"Length1") {
        Ok(Object::Integer(n)) if *n > 0 => Some(*n as u64),
        _ => None,
    };
    match clear {
        Some(n) if flate_only && s.dict.get(b"DecodeParms").is_err() => {
            // A little past the stated end, for `eexec` and what follows it.
            let want = (n + 64).min(TYPE1_HEAD as u64);
            let mut out = Vec::new();
            match flate2::read::ZlibDecoder::new(s.content.as_slice())
                .take(want)
                .read_to_end(&mut out)
            {
                Ok(_) => Some(out),
                // Damaged: as the whole stream would be read.
                Err(_) => stream_bytes_of(s),
            }
        }
        _ => stream_bytes_of(s),
    }
}

/// How much of a Type 1 program's start [`type1_builtin_encoding`] reads when
/// it finds no `eexec`.
const TYPE1_HEAD: usize = 64 << 10;

/// Reads `dup <code> /<name> put` entries from the clear-text part of a Type 1 font
/// program (before `eexec`). Returns `None` for StandardEncoding or no entries.
fn type1_builtin_encoding(bytes: &[u8]) -> Option<Vec<Option<String>>> {
    let end = find(bytes, b"eexec").unwrap_or(bytes.len().min(TYPE1_HEAD));
    let head = &bytes[..end];
    let start = find(head, b"/Encoding")?;
    let head = &head[start..];
    if head.starts_with(b"/Encoding StandardEncoding") {
        return None;
    }
    let mut table: Vec<Option<String>> = vec![None; 256];
    let mut found = false;
    let mut i = 0;
    while let Some(p) = find(&head[i..], b"dup ") {
        let s = i + p + 4;
        let mut j = s;
        while j < head.len() && head[j].is_ascii_digit() {
            j += 1;
        }
        let code: Option<usize> = std::str::from_utf8(&head[s..j])
            .ok()
            .and_then(|t| t.parse().ok());
        while j < head.len() && head[j] == b' ' {
            j += 1;
        }
        if let Some(code) = code
            && code < 256
            && head.get(j) == Some(&b'/')
        {
            let k0 = j + 1;
            let mut k = k0;
            while k < head.len() && !head[k].is_ascii_whitespace() && head[k] != b'/' {
                k += 1;
            }
            table[code] = glyph_name_to_str(&head[k0..k]);
            found = true;
            i = k;
        } else {
            i = j.max(s);
        }
        if head[i..].starts_with(b"readonly def") {
            break;
        }
    }
    found.then_some(table)
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn standard_widths(name: &str) -> (Option<&'static [u16; 95]>, f32) {
    if name.contains("courier") || name.contains("mono") {
        (None, 600.0)
    } else if name.contains("times") || name.contains("roman") || name.contains("serif") {
        (Some(&TIMES), 500.0)
    } else if name.contains("symbol") || name.contains("dingbat") {
        (None, 600.0)
    } else {
        (Some(&HELVETICA), 556.0)
    }
}

/// Helvetica advance widths for codes 32..=126.
static HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, // 32-47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48-63
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64-79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80-95
    222, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96-111
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 112-126
];

/// Times-Roman advance widths for codes 32..=126.
static TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278, // 32-47
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 48-63
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // 64-79
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // 80-95
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // 96-111
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // 112-126
];

#[cfg(test)]
mod tests {
    use lopdf::{Stream, dictionary};

    use super::*;

    fn text(font: &Font<'_>, bytes: &[u8]) -> (String, usize) {
        let (mut s, mut unmapped) = (String::new(), 0);
        font.decode(bytes, |c| {
            s.push_str(&c.text);
            unmapped += c.unmapped as usize;
        });
        (s, unmapped)
    }

    /// A Type 0 font over a CIDFont with the given extra entries.
    fn type0(doc: &mut Document, encoding: &str, cid_font: Dictionary) -> Dictionary {
        let mut cf = dictionary! { "Type" => "Font", "BaseFont" => "X" };
        for (k, v) in cid_font.into_iter() {
            cf.set(k, v);
        }
        let cf = doc.add_object(cf);
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "X",
            "Encoding" => encoding,
            "DescendantFonts" => vec![cf.into()],
        }
    }

    fn system_info(ordering: &str) -> Object {
        Object::Dictionary(dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal(ordering),
            "Supplement" => 0,
        })
    }

    /// A Type 1 font with no /Encoding whose embedded program's built-in
    /// encoding maps code 65 to /eacute, Flate-compressed, with or without a
    /// `/Length1` giving the length of its clear text.
    fn type1_with_program(length1: bool, damaged: bool) -> (Document, Dictionary) {
        use std::io::Write;
        let mut program = b"%!PS-AdobeFont-1.0: X\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /eacute put\nreadonly def\ncurrentfile eexec\n".to_vec();
        let clear = program.len() as i64;
        // The encrypted part: bytes that must never be read as text.
        program.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&program).unwrap();
        let mut content = z.finish().unwrap();
        if damaged {
            // Damaged past the clear text: only a reader that stops early gets it.
            let n = content.len();
            content.truncate(n / 2);
        }
        let mut dict = dictionary! { "Filter" => "FlateDecode" };
        if length1 {
            dict.set("Length1", clear);
        }
        let mut doc = Document::with_version("1.5");
        let ff = doc.add_object(Stream::new(dict, content));
        let fd = doc.add_object(
            dictionary! { "Type" => "FontDescriptor", "Flags" => 32, "FontFile" => ff },
        );
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+X", "FontDescriptor" => fd,
        };
        (doc, d)
    }

    #[test]
    fn type1_builtin_encoding_read_from_the_clear_text_alone() {
        for length1 in [true, false] {
            let (doc, d) = type1_with_program(length1, false);
            let f = Font::load(&doc, &d);
            assert_eq!(text(&f, b"A").0, "é", "Length1 {length1}");
        }
        // A stream cut short after its clear text still gives the encoding.
        let (doc, d) = type1_with_program(true, true);
        assert_eq!(text(&Font::load(&doc, &d), b"A").0, "é");
    }

    #[test]
    fn adobe_gb1_cids_without_tounicode() {
        let mut doc = Document::with_version("1.5");
        let d = type0(
            &mut doc,
            "Identity-H",
            dictionary! {
                "Subtype" => "CIDFontType0",
                "CIDSystemInfo" => system_info("GB1"),
                "W" => vec![4559.into(), vec![900.into()].into()],
            },
        );
        let f = Font::load(&doc, &d);
        // GB1 CIDs 36 and 55 are "C" and "V", 1 the space, 4559 中.
        assert_eq!(
            text(&f, b"\x00\x24\x00\x37\x00\x01\x11\xcf"),
            ("CV 中".into(), 0)
        );
        assert!((f.width_of(0x11cf, 4559) - 0.9).abs() < 1e-6);
        // An Identity ordering says nothing about what CIDs mean.
        let d = type0(
            &mut doc,
            "Identity-H",
            dictionary! { "Subtype" => "CIDFontType0", "CIDSystemInfo" => system_info("Identity") },
        );
        let f = Font::load(&doc, &d);
        assert_eq!(text(&f, b"\x00\x24\x11\xcf"), (String::new(), 2));
    }

    #[test]
    fn predefined_gbk_encoding_splits_codes_and_maps_text_and_widths() {
        let mut doc = Document::with_version("1.5");
        let d = type0(
            &mut doc,
            "GBK-EUC-H",
            dictionary! {
                "Subtype" => "CIDFontType0",
                "CIDSystemInfo" => system_info("GB1"),
                "DW" => 1000,
                "W" => vec![846.into(), vec![500.into()].into()],
            },
        );
        let f = Font::load(&doc, &d);
        // One-byte ASCII codes (A is CID 846) and two-byte GBK codes (中 is D6 D0).
        assert_eq!(text(&f, b"A\xd6\xd0B"), ("A中B".into(), 0));
        let mut widths = Vec::new();
        f.decode(b"A\xd6\xd0", |c| widths.push(c.width));
        assert_eq!(widths, vec![0.5, 1.0]);
    }

    #[test]
    fn truetype_program_cmap_is_the_last_resort() {
        let mut doc = Document::with_version("1.5");
        let program = super::super::sfnt::tests::tiny_truetype(&['H', 'i', '中'], 1);
        let ff = doc.add_object(Stream::new(dictionary! {}, program));
        let fd = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "Flags" => 4, "FontFile2" => ff,
        });
        // CIDFontType2, Identity ordering, no ToUnicode: CIDs are glyph ids.
        let d = type0(
            &mut doc,
            "Identity-H",
            dictionary! {
                "Subtype" => "CIDFontType2",
                "CIDSystemInfo" => system_info("Identity"),
                "FontDescriptor" => fd,
            },
        );
        let f = Font::load(&doc, &d);
        assert_eq!(
            text(&f, b"\x00\x01\x00\x02\x00\x03\x00\x09"),
            ("Hi中".into(), 1)
        );
        // With a CIDToGIDMap stream: CID 5 is glyph 3, CID 6 glyph 1.
        let map: Vec<u8> = [0u16, 0, 0, 0, 0, 3, 1]
            .iter()
            .flat_map(|g| g.to_be_bytes())
            .collect();
        let map = doc.add_object(Stream::new(dictionary! {}, map));
        let d = type0(
            &mut doc,
            "Identity-H",
            dictionary! {
                "Subtype" => "CIDFontType2",
                "CIDSystemInfo" => system_info("Identity"),
                "FontDescriptor" => fd,
                "CIDToGIDMap" => map,
            },
        );
        let f = Font::load(&doc, &d);
        assert_eq!(text(&f, b"\x00\x05\x00\x06\x00\x01"), ("中H".into(), 1));
        // A CIDFontType0's CIDs are not glyph ids: the program is not used.
        let d = type0(
            &mut doc,
            "Identity-H",
            dictionary! {
                "Subtype" => "CIDFontType0",
                "CIDSystemInfo" => system_info("Identity"),
                "FontDescriptor" => fd,
            },
        );
        assert_eq!(text(&Font::load(&doc, &d), b"\x00\x01"), (String::new(), 1));
        // Simple symbolic TrueType with codes 1..3 (no glyph names, no ToUnicode):
        // code -> glyph through the (3,0) subtable, glyph -> Unicode through (3,1).
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Sym",
            "FontDescriptor" => fd,
        };
        let f = Font::load(&doc, &d);
        assert_eq!(text(&f, b"\x01\x02\x03\x04"), ("Hi中".into(), 1));
        assert!(f.program.as_ref().is_some_and(|p| p.parsed.get().is_some()));
    }

    #[test]
    fn font_program_is_not_read_when_text_maps_otherwise() {
        let mut doc = Document::with_version("1.5");
        let ff = doc.add_object(Stream::new(dictionary! {}, b"not a font".to_vec()));
        let fd = doc.add_object(
            dictionary! { "Type" => "FontDescriptor", "Flags" => 32, "FontFile2" => ff },
        );
        let d = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Arial",
            "Encoding" => "WinAnsiEncoding", "FontDescriptor" => fd,
        };
        let f = Font::load(&doc, &d);
        assert_eq!(text(&f, b"Hello"), ("Hello".into(), 0));
        assert!(f.program.as_ref().is_some_and(|p| p.parsed.get().is_none()));
        // An unmapped code reads it, finds no cmap, and stays unmapped.
        assert_eq!(text(&f, b"\x01"), (String::new(), 1));
        assert!(
            f.program
                .as_ref()
                .is_some_and(|p| matches!(p.parsed.get(), Some(None)))
        );
    }

    #[test]
    fn cid_ranges_take_the_first_of_overlapping_ranges_in_log_time() {
        let ranges = [(10, 20, 1.0), (15, 30, 2.0), (0, 100, 3.0), (18, 18, 4.0)];
        let r = CidRanges::first_wins(&ranges);
        let scan = |cid: u32| {
            ranges
                .iter()
                .find(|(lo, hi, _)| (*lo..=*hi).contains(&cid))
                .map(|x| x.2)
        };
        for cid in 0..110 {
            assert_eq!(r.get(cid), scan(cid), "cid {cid}");
        }
        // 100,000 nested ranges build and answer without a scan per glyph.
        let many: Vec<(u32, u32, f32)> = (0..100_000u32)
            .map(|i| (i, 200_000 - i, i as f32))
            .collect();
        let r = CidRanges::first_wins(&many);
        assert_eq!(r.get(150_000), Some(0.0));
        assert_eq!(r.get(99_999), Some(0.0));
        assert!(r.0.len() <= 3, "{}", r.0.len());
    }
}
