//! ToUnicode (and encoding) CMaps: code-space ranges, `bfchar`, `bfrange` in both
//! offset and array forms, multi-character destinations and UTF-16 surrogates.

use std::collections::HashMap;

use super::lexer::{Lexer, Operand};

/// Upper bound on a single bfrange's size that we expand or accept.
const MAX_RANGE: u32 = 0x10000;

#[derive(Debug, Clone, Default)]
pub(super) struct CMap {
    /// (code length in bytes, low, high)
    pub(super) codespace: Vec<(u8, u32, u32)>,
    single: HashMap<u32, String>,
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// CID ranges of an encoding CMap (`cidrange`/`cidchar`): (low, high, first CID).
    pub(super) cid_ranges: Vec<(u32, u32, u32)>,
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &c| (a << 8) | c as u32)
}

fn utf16(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect()
}

impl CMap {
    pub(super) fn parse(data: &[u8]) -> CMap {
        let mut cm = CMap::default();
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for p in ops.chunks(2) {
                        if let [Operand::Str(lo), Operand::Str(hi)] = p {
                            let n = lo.len().clamp(1, 4) as u8;
                            cm.codespace.push((n, code_of(lo), code_of(hi)));
                        }
                    }
                }
                b"endbfchar" => {
                    for p in ops.chunks(2) {
                        if let [Operand::Str(src), dst] = p {
                            let s = match dst {
                                Operand::Str(d) => String::from_utf16_lossy(&utf16(d)),
                                Operand::Name(n) => {
                                    super::encodings::glyph_name_to_str(n).unwrap_or_default()
                                }
                                _ => continue,
                            };
                            cm.single.insert(code_of(src), s);
                        }
                    }
                }
                b"endbfrange" => {
                    for p in ops.chunks(3) {
                        let [Operand::Str(lo), Operand::Str(hi), dst] = p else {
                            continue;
                        };
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        if hi < lo || hi - lo > MAX_RANGE {
                            continue;
                        }
                        match dst {
                            Operand::Str(d) => cm.ranges.push((lo, hi, utf16(d))),
                            Operand::Array(items) => {
                                for (i, it) in items.iter().enumerate() {
                                    let c = lo + i as u32;
                                    if c > hi {
                                        break;
                                    }
                                    if let Operand::Str(d) = it {
                                        cm.single.insert(c, String::from_utf16_lossy(&utf16(d)));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"endcidrange" => {
                    for p in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), Operand::Num(c)] = p {
                            cm.cid_ranges.push((code_of(lo), code_of(hi), *c as u32));
                        }
                    }
                }
                b"endcidchar" => {
                    for p in ops.chunks(2) {
                        if let [Operand::Str(lo), Operand::Num(c)] = p {
                            let l = code_of(lo);
                            cm.cid_ranges.push((l, l, *c as u32));
                        }
                    }
                }
                _ => {}
            }
        }
        // Later ranges win in real CMaps rarely; search in reverse order below.
        cm
    }

    pub(super) fn is_empty(&self) -> bool {
        self.single.is_empty() && self.ranges.is_empty()
    }

    /// Unicode text for a code.
    pub(super) fn lookup(&self, code: u32) -> Option<String> {
        if let Some(s) = self.single.get(&code) {
            return Some(s.clone());
        }
        for (lo, hi, base) in self.ranges.iter().rev() {
            if (*lo..=*hi).contains(&code) {
                let off = code - lo;
                let mut units = base.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(off as u16);
                }
                return Some(String::from_utf16_lossy(&units));
            }
        }
        None
    }

    /// Splits the next code off `bytes` by the code-space ranges; returns (code,
    /// length). Without ranges, `default_len` bytes are taken.
    pub(super) fn next_code(&self, bytes: &[u8], default_len: usize) -> (u32, usize) {
        if !self.codespace.is_empty() {
            for n in 1..=4usize {
                if bytes.len() < n {
                    break;
                }
                let c = code_of(&bytes[..n]);
                if self
                    .codespace
                    .iter()
                    .any(|&(len, lo, hi)| len as usize == n && (lo..=hi).contains(&c))
                {
                    return (c, n);
                }
            }
        }
        let n = default_len.clamp(1, bytes.len().max(1));
        (code_of(&bytes[..n.min(bytes.len())]), n)
    }

    /// CID for a code through `cidrange`s (identity when none match).
    pub(super) fn cid(&self, code: u32) -> u32 {
        for &(lo, hi, c) in &self.cid_ranges {
            if (lo..=hi).contains(&code) {
                return c + (code - lo);
            }
        }
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tounicode_forms() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            3 beginbfchar <0003> <0020> <0010> <00660069> <0011> <D835DC00> endbfchar
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0078> <0079>] endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let cm = CMap::parse(src);
        assert_eq!(cm.lookup(3).as_deref(), Some(" "));
        assert_eq!(cm.lookup(0x10).as_deref(), Some("fi"));
        assert_eq!(cm.lookup(0x11).as_deref(), Some("\u{1D400}"));
        assert_eq!(cm.lookup(0x22).as_deref(), Some("C"));
        assert_eq!(cm.lookup(0x31).as_deref(), Some("y"));
        assert_eq!(cm.next_code(&[0, 3, 1], 1), (3, 2));
    }
}
