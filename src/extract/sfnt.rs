//! The `cmap` table of an embedded TrueType/OpenType font program, read only to
//! turn glyph ids back into Unicode when nothing else in the PDF maps a code.
//!
//! Only the table directory and the `cmap` table are read; every offset and count
//! is checked against the data, and the work per font is bounded, so malformed
//! programs give `None` or partial maps, never a panic or an unbounded allocation.

use std::collections::HashMap;

use super::encodings::glyph_name_to_str;

/// Most code points taken from one font's `cmap` subtables (all of Unicode fits).
const MAX_CODES: usize = 0x11_0000;
/// Most table-directory entries and `cmap` encoding records looked at.
const MAX_RECORDS: usize = 256;

/// The 258 glyph names of the Macintosh standard order (Apple TrueType Reference
/// Manual, `post` table), space-separated.
const MAC_NAMES: &str = concat!(
    ".notdef .null nonmarkingreturn space exclam quotedbl numbersign dollar percent ",
    "ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash ",
    "zero one two three four five six seven eight nine colon semicolon less equal ",
    "greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft ",
    "backslash bracketright asciicircum underscore grave a b c d e f g h i j k l m n o p ",
    "q r s t u v w x y z braceleft bar braceright asciitilde Adieresis Aring Ccedilla ",
    "Eacute Ntilde Odieresis Udieresis aacute agrave acircumflex adieresis atilde aring ",
    "ccedilla eacute egrave ecircumflex edieresis iacute igrave icircumflex idieresis ",
    "ntilde oacute ograve ocircumflex odieresis otilde uacute ugrave ucircumflex ",
    "udieresis dagger degree cent sterling section bullet paragraph germandbls ",
    "registered copyright trademark acute dieresis notequal AE Oslash infinity plusminus ",
    "lessequal greaterequal yen mu partialdiff summation product pi integral ordfeminine ",
    "ordmasculine Omega ae oslash questiondown exclamdown logicalnot radical florin ",
    "approxequal Delta guillemotleft guillemotright ellipsis nonbreakingspace Agrave ",
    "Atilde Otilde OE oe endash emdash quotedblleft quotedblright quoteleft quoteright ",
    "divide lozenge ydieresis Ydieresis fraction currency guilsinglleft guilsinglright ",
    "fi fl daggerdbl periodcentered quotesinglbase quotedblbase perthousand Acircumflex ",
    "Ecircumflex Aacute Edieresis Egrave Iacute Icircumflex Idieresis Igrave Oacute ",
    "Ocircumflex apple Ograve Uacute Ucircumflex Ugrave dotlessi circumflex tilde macron ",
    "breve dotaccent ring cedilla hungarumlaut ogonek caron Lslash lslash Scaron scaron ",
    "Zcaron zcaron brokenbar Eth eth Yacute yacute Thorn thorn minus multiply ",
    "onesuperior twosuperior threesuperior onehalf onequarter threequarters franc Gbreve ",
    "gbreve Idotaccent Scedilla scedilla Cacute cacute Ccaron ccaron dcroat ",
);

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// What a font program's `cmap` says about its glyphs.
#[derive(Debug, Default)]
pub(super) struct GlyphMap {
    /// Glyph id to Unicode, from the Unicode subtables (the lowest code point wins).
    unicode: HashMap<u16, char>,
    /// Single-byte code to glyph id, from a (3,0) symbol or (1,0) Mac subtable.
    byte_codes: HashMap<u32, u16>,
    /// `post` version 2: name index of each glyph, and the font's own names
    /// (indices from 258 on).
    post_index: Vec<u16>,
    post_names: Vec<Vec<u8>>,
}

impl GlyphMap {
    /// Reads the `cmap` table of an sfnt (or the first font of a collection).
    pub(super) fn parse(data: &[u8]) -> Option<GlyphMap> {
        let mut base = 0usize;
        if data.get(..4)? == b"ttcf" {
            base = u32_at(data, 12)? as usize;
        }
        let num_tables = (u16_at(data, base + 4)? as usize).min(MAX_RECORDS);
        let (mut cmap, mut post) = (None, None);
        for i in 0..num_tables {
            let rec = base + 12 + 16 * i;
            let tag = data.get(rec..rec + 4)?;
            if tag == b"cmap" || tag == b"post" {
                let off = u32_at(data, rec + 8)? as usize;
                let len = u32_at(data, rec + 12)? as usize;
                let table = data.get(off..off.checked_add(len)?.min(data.len()));
                *(if tag == b"cmap" { &mut cmap } else { &mut post }) = table;
            }
        }
        let mut map = GlyphMap::default();
        if let Some(post) = post {
            map.read_post(post);
        }
        let Some(cmap) = cmap else {
            return (!map.post_index.is_empty()).then_some(map);
        };
        let Some(n) = u16_at(cmap, 2) else {
            return Some(map);
        };
        let n = (n as usize).min(MAX_RECORDS);
        let mut budget = MAX_CODES;
        // Unicode subtables in order of preference: full Unicode first.
        let mut subtables: Vec<(u8, usize)> = Vec::new();
        let mut symbol = None;
        for i in 0..n {
            let rec = 4 + 8 * i;
            let (Some(pid), Some(eid), Some(off)) = (
                u16_at(cmap, rec),
                u16_at(cmap, rec + 2),
                u32_at(cmap, rec + 4),
            ) else {
                break;
            };
            let off = off as usize;
            match (pid, eid) {
                (3, 10) | (0, 4) | (0, 6) => subtables.push((0, off)),
                (3, 1) | (0, _) => subtables.push((1, off)),
                (3, 0) => symbol = Some((0xF000u32, off)),
                (1, 0) if symbol.is_none() => symbol = Some((0, off)),
                _ => {}
            }
        }
        subtables.sort_by_key(|s| s.0);
        for (_, off) in subtables {
            let Some(sub) = cmap.get(off..) else { continue };
            each_mapping(sub, &mut budget, &mut |code, gid| {
                // Private-use code points say nothing; a `post` name may.
                let private = (0xE000..=0xF8FF).contains(&code) || code >= 0xF_0000;
                if let Some(c) = char::from_u32(code).filter(|c| !c.is_control() && !private) {
                    let e = map.unicode.entry(gid).or_insert(c);
                    if (c as u32) < (*e as u32) {
                        *e = c;
                    }
                }
            });
        }
        if let Some((base, off)) = symbol
            && let Some(sub) = cmap.get(off..)
        {
            each_mapping(sub, &mut budget, &mut |code, gid| {
                // Symbol subtables put byte codes at U+F000..F0FF (or F100, F200),
                // some at the byte codes themselves.
                if code < 0x100 || (base != 0 && (0xF000..0xF300).contains(&code)) {
                    map.byte_codes.entry(code & 0xFF).or_insert(gid);
                }
            });
        }
        Some(map)
    }

    /// Reads the glyph names of a version 2.0 `post` table.
    fn read_post(&mut self, post: &[u8]) {
        if u32_at(post, 0) != Some(0x0002_0000) {
            return;
        }
        let Some(n) = u16_at(post, 32) else { return };
        let index: Option<Vec<u16>> = (0..n as usize).map(|g| u16_at(post, 34 + 2 * g)).collect();
        let Some(index) = index else { return };
        let mut at = 34 + 2 * n as usize;
        let mut names = Vec::new();
        while let Some(&len) = post.get(at) {
            let Some(name) = post.get(at + 1..at + 1 + len as usize) else {
                break;
            };
            names.push(name.to_vec());
            at += 1 + len as usize;
        }
        self.post_index = index;
        self.post_names = names;
    }

    /// Unicode for a glyph id, through the font's Unicode subtables, else its
    /// `post` glyph name.
    pub(super) fn text(&self, gid: u16) -> Option<String> {
        if let Some(c) = self.unicode.get(&gid) {
            return Some(c.to_string());
        }
        let i = *self.post_index.get(gid as usize)? as usize;
        if i < 258 {
            glyph_name_to_str(MAC_NAMES.split(' ').nth(i)?.as_bytes())
        } else {
            glyph_name_to_str(self.post_names.get(i - 258)?)
        }
    }

    /// Glyph id of a single-byte code of a symbolic simple TrueType font.
    pub(super) fn byte_code_gid(&self, code: u32) -> Option<u16> {
        self.byte_codes.get(&code).copied()
    }
}

/// Calls `f(code, glyph id)` for every mapping of a `cmap` subtable (formats 0, 4,
/// 6, 10 not supported, 12 and 13), skipping glyph 0, within `budget` mappings.
fn each_mapping(sub: &[u8], budget: &mut usize, f: &mut impl FnMut(u32, u16)) -> Option<()> {
    let mut emit = |code: u32, gid: u32, budget: &mut usize| -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        if gid != 0 && gid <= 0xFFFF {
            f(code, gid as u16);
        }
        true
    };
    match u16_at(sub, 0)? {
        0 => {
            for code in 0..256usize {
                let gid = *sub.get(6 + code)?;
                if !emit(code as u32, gid as u32, budget) {
                    break;
                }
            }
        }
        4 => {
            let seg_count = (u16_at(sub, 6)? / 2) as usize;
            let ends = 14;
            let starts = ends + 2 * seg_count + 2;
            let deltas = starts + 2 * seg_count;
            let range_offsets = deltas + 2 * seg_count;
            for s in 0..seg_count {
                let end = u16_at(sub, ends + 2 * s)? as u32;
                let start = u16_at(sub, starts + 2 * s)? as u32;
                let delta = u16_at(sub, deltas + 2 * s)?;
                let ro_at = range_offsets + 2 * s;
                let ro = u16_at(sub, ro_at)? as usize;
                if start > end || start == 0xFFFF {
                    continue;
                }
                for code in start..=end {
                    let gid = if ro == 0 {
                        (code as u16).wrapping_add(delta)
                    } else {
                        let at = ro_at + ro + 2 * (code - start) as usize;
                        match u16_at(sub, at) {
                            Some(0) | None => 0,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    if !emit(code, gid as u32, budget) {
                        return Some(());
                    }
                }
            }
        }
        6 => {
            let first = u16_at(sub, 6)? as u32;
            let count = u16_at(sub, 8)? as u32;
            for i in 0..count {
                let gid = u16_at(sub, 10 + 2 * i as usize)?;
                if !emit(first + i, gid as u32, budget) {
                    break;
                }
            }
        }
        format @ (12 | 13) => {
            let groups = u32_at(sub, 12)? as usize;
            for g in 0..groups.min(MAX_CODES) {
                let at = 16 + 12 * g;
                let (start, end, gid0) =
                    (u32_at(sub, at)?, u32_at(sub, at + 4)?, u32_at(sub, at + 8)?);
                if start > end || end > 0x10_FFFF {
                    continue;
                }
                for code in start..=end {
                    let gid = if format == 13 {
                        gid0
                    } else {
                        gid0.saturating_add(code - start)
                    };
                    if !emit(code, gid, budget) {
                        return Some(());
                    }
                }
            }
        }
        _ => {}
    }
    Some(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A minimal sfnt with only a `cmap` table: a (3,1) format 4 subtable mapping
    /// `chars[i]` to glyph `i + 1`, and a (3,0) format 4 subtable mapping
    /// `U+F000 + first_code + i` to glyph `i + 1`.
    pub(in super::super) fn tiny_truetype(chars: &[char], first_code: u16) -> Vec<u8> {
        fn format4(codes: &[u16]) -> Vec<u8> {
            // One segment per code plus the final 0xFFFF segment, with idDelta.
            let seg = codes.len() + 1;
            let mut v = Vec::new();
            let len = 16 + 8 * seg;
            for x in [4u16, len as u16, 0, 2 * seg as u16, 0, 0, 0] {
                v.extend_from_slice(&x.to_be_bytes());
            }
            for &c in codes.iter().chain([&0xFFFF]) {
                v.extend_from_slice(&c.to_be_bytes());
            }
            v.extend_from_slice(&[0, 0]);
            for &c in codes.iter().chain([&0xFFFF]) {
                v.extend_from_slice(&c.to_be_bytes());
            }
            for (i, &c) in codes.iter().enumerate() {
                let delta = ((i as u16 + 1).wrapping_sub(c)).to_be_bytes();
                v.extend_from_slice(&delta);
            }
            v.extend_from_slice(&1u16.to_be_bytes());
            v.extend(std::iter::repeat_n(0u8, 2 * seg));
            v
        }
        let uni: Vec<u16> = chars.iter().map(|&c| c as u16).collect();
        let sym: Vec<u16> = (0..chars.len() as u16)
            .map(|i| 0xF000 + first_code + i)
            .collect();
        let (a, b) = (format4(&uni), format4(&sym));
        let mut cmap = Vec::new();
        for x in [0u16, 2, 3, 1] {
            cmap.extend_from_slice(&x.to_be_bytes());
        }
        cmap.extend_from_slice(&20u32.to_be_bytes());
        cmap.extend_from_slice(&[0, 3, 0, 0]);
        cmap.extend_from_slice(&(20 + a.len() as u32).to_be_bytes());
        cmap.extend(a);
        cmap.extend(b);
        sfnt(&[(b"cmap", cmap)])
    }

    /// An sfnt with the given tables.
    fn sfnt(tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut font = Vec::new();
        font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
        for x in [tables.len() as u16, 16, 0, 0] {
            font.extend_from_slice(&x.to_be_bytes());
        }
        let mut off = 12 + 16 * tables.len();
        for (tag, t) in tables {
            font.extend_from_slice(*tag);
            font.extend_from_slice(&0u32.to_be_bytes());
            font.extend_from_slice(&(off as u32).to_be_bytes());
            font.extend_from_slice(&(t.len() as u32).to_be_bytes());
            off += t.len();
        }
        for (_, t) in tables {
            font.extend_from_slice(t);
        }
        font
    }

    #[test]
    fn post_glyph_names_when_no_unicode_subtable_maps() {
        // Glyphs: 0 .notdef, 1 "A" (Mac standard index 36), 2 "uni4E2D", 3 "f_i",
        // 4 "g4" (a name that means nothing), 5 index past the names. Ligature
        // names give the ligature character, as elsewhere.
        let mut post = vec![0, 2, 0, 0];
        post.resize(32, 0);
        for x in [6u16, 0, 36, 258, 259, 260, 999] {
            post.extend_from_slice(&x.to_be_bytes());
        }
        for name in ["uni4E2D", "f_i", "g4"] {
            post.push(name.len() as u8);
            post.extend_from_slice(name.as_bytes());
        }
        let font = sfnt(&[(b"post", post.clone())]);
        let m = GlyphMap::parse(&font).unwrap();
        let texts: Vec<_> = (0..7).map(|g| m.text(g)).collect();
        assert_eq!(
            texts,
            [
                None,
                Some("A".into()),
                Some("中".into()),
                Some("\u{fb01}".into()),
                None,
                None,
                None
            ]
        );
        // A Unicode subtable wins over the names.
        let with_cmap = tiny_truetype(&['B'], 0x20);
        let cmap_table = with_cmap[28..].to_vec();
        let m = GlyphMap::parse(&sfnt(&[(b"cmap", cmap_table), (b"post", post.clone())])).unwrap();
        assert_eq!(m.text(1).as_deref(), Some("B"));
        assert_eq!(m.text(2).as_deref(), Some("中"));
        for cut in 0..post.len() {
            let _ = GlyphMap::parse(&sfnt(&[(b"post", post[..cut].to_vec())]));
        }
    }

    #[test]
    fn inverts_unicode_and_symbol_subtables() {
        let m = GlyphMap::parse(&tiny_truetype(&['H', 'é', '中'], 0x20)).unwrap();
        assert_eq!(m.text(1).as_deref(), Some("H"));
        assert_eq!(m.text(2).as_deref(), Some("é"));
        assert_eq!(m.text(3).as_deref(), Some("中"));
        assert_eq!(m.text(4), None);
        assert_eq!(m.byte_code_gid(0x21), Some(2));
        // Private-use code points are not taken as text.
        let m = GlyphMap::parse(&tiny_truetype(&['\u{e039}', 'x'], 0x20)).unwrap();
        assert_eq!((m.text(1), m.text(2).as_deref()), (None, Some("x")));
    }

    #[test]
    fn malformed_programs_do_not_panic() {
        let good = tiny_truetype(&['a', 'b'], 0x20);
        for cut in 0..good.len() {
            let _ = GlyphMap::parse(&good[..cut]);
        }
        let mut bad = good.clone();
        // Absurd offsets and counts.
        for at in [4usize, 20, 24, 32, 40, 54] {
            bad[at] = 0xFF;
            bad[at + 1] = 0xFF;
            let _ = GlyphMap::parse(&bad);
        }
        assert!(GlyphMap::parse(b"").is_none());
        assert!(GlyphMap::parse(b"ttcf\0\0\0\0\0\0\0\0\xff\xff\xff\xff").is_none());
    }
}
