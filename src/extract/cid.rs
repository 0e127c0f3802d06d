//! Predefined CJK character collections and CMaps (PDF 32000-1 9.7.5.2 and 9.10.2).
//!
//! A CID font without a `ToUnicode` CMap whose `CIDSystemInfo` names one of Adobe's
//! public character collections (Adobe-GB1, Adobe-CNS1, Adobe-Japan1,
//! Adobe-Korea1) has CIDs with a known meaning: Adobe's `<collection>-UCS2` CMaps
//! map them to Unicode. A Type 0 font may also name a predefined encoding CMap
//! (`GBK-EUC-H`, `90ms-RKSJ-H`, `KSCms-UHC-H`, …) that maps its byte codes to CIDs
//! of such a collection.
//!
//! The CMap data is Adobe's `cmap-resources` (BSD-3-Clause), shipped compressed
//! inside the `hayro-cmap` crate and decompressed on first use only (when a
//! document has such a font); parsed CMaps are cached for the process. That crate
//! (upstream of the hayro PDF renderer, MIT OR Apache-2.0) was chosen over
//! `pdf-font`, a beta fork of the same code, and over generating our own tables:
//! it also brings the predefined encoding CMaps and their parser. It needs Rust
//! 1.92 and costs about 250 KB of binary, a few milliseconds and 2 MB of memory
//! the first time a process meets such a font. Poppler's `cidToUnicode` files
//! (GPL) are not used.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use hayro_cmap::{BfString, CMap as AdobeCMap, CMapName, CidFamily, load_embedded};

/// Most predefined encoding CMaps kept parsed at once (there are about 180).
const MAX_CACHED: usize = 64;

/// One of Adobe's public CJK character collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Collection {
    Gb1,
    Cns1,
    Japan1,
    Korea1,
}

impl Collection {
    /// The collection of a `CIDSystemInfo` `Registry`/`Ordering` pair.
    pub(super) fn from_registry_ordering(registry: &[u8], ordering: &[u8]) -> Option<Self> {
        Self::from_family(&CidFamily::from_registry_ordering(registry, ordering))
    }

    fn from_family(f: &CidFamily) -> Option<Self> {
        match f {
            CidFamily::AdobeGB1 => Some(Collection::Gb1),
            CidFamily::AdobeCNS1 => Some(Collection::Cns1),
            CidFamily::AdobeJapan1 => Some(Collection::Japan1),
            CidFamily::AdobeKorea1 => Some(Collection::Korea1),
            _ => None,
        }
    }

    fn ucs2(self) -> Option<&'static AdobeCMap> {
        static CMAPS: [OnceLock<Option<AdobeCMap>>; 4] = [const { OnceLock::new() }; 4];
        let (i, name) = match self {
            Collection::Gb1 => (0, CMapName::AdobeGb1Ucs2),
            Collection::Cns1 => (1, CMapName::AdobeCns1Ucs2),
            Collection::Japan1 => (2, CMapName::AdobeJapan1Ucs2),
            Collection::Korea1 => (3, CMapName::AdobeKorea1Ucs2),
        };
        CMAPS[i]
            .get_or_init(|| AdobeCMap::parse(load_embedded(name)?, load_embedded))
            .as_ref()
    }

    /// Unicode text of a CID of this collection, if Adobe's table has one.
    pub(super) fn text(self, cid: u32) -> Option<String> {
        match self.ucs2()?.lookup_bf_string(cid)? {
            BfString::Char(c) => Some(c.to_string()),
            BfString::String(s) => Some(s),
        }
    }
}

/// Predefined CMaps parsed so far, by name (`None`: unknown or unreadable).
type ParsedCMaps = HashMap<Vec<u8>, Option<Arc<Parsed>>>;

/// A parsed predefined CMap and the code length that each first byte starts.
#[derive(Debug)]
struct Parsed {
    cmap: AdobeCMap,
    /// 1 or 2 when some code of that length starting with the byte is mapped, 0
    /// when none of 1 or 2 bytes is (longer codes, or an unused byte).
    lead_len: [u8; 256],
}

impl Parsed {
    fn new(cmap: AdobeCMap) -> Parsed {
        let mut lead_len = [0u8; 256];
        for (b, len) in lead_len.iter_mut().enumerate() {
            let b = b as u32;
            if cmap.lookup_cid_code(b, 1).is_some() {
                *len = 1;
            } else if (0..256).any(|t| cmap.lookup_cid_code((b << 8) | t, 2).is_some()) {
                *len = 2;
            }
        }
        Parsed { cmap, lead_len }
    }
}

/// A predefined encoding CMap (byte codes to CIDs), by name.
#[derive(Debug, Clone)]
pub(super) struct Predefined {
    parsed: Arc<Parsed>,
    /// The collection its CIDs belong to.
    pub(super) collection: Option<Collection>,
}

impl Predefined {
    /// The predefined CMap called `name`; `None` for `Identity-H`/`-V` and unknown
    /// names.
    pub(super) fn load(name: &[u8]) -> Option<Predefined> {
        if name.starts_with(b"Identity-") {
            return None;
        }
        static CACHE: OnceLock<Mutex<ParsedCMaps>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let parsed = match cache.get(name) {
            Some(c) => c.clone(),
            None => {
                let c = load_embedded(CMapName::from_bytes(name))
                    .and_then(|d| AdobeCMap::parse(d, load_embedded))
                    .map(|c| Arc::new(Parsed::new(c)));
                if cache.len() < MAX_CACHED {
                    cache.insert(name.to_vec(), c.clone());
                }
                c
            }
        }?;
        let collection = parsed
            .cmap
            .metadata()
            .character_collection
            .as_ref()
            .and_then(|c| Collection::from_family(&c.family));
        Some(Predefined { parsed, collection })
    }

    /// Splits the next code off `bytes`: (code, CID, length). The shortest prefix
    /// (1 to 4 bytes) that the CMap maps wins. An unmapped code is CID 0
    /// (`.notdef`) and as long as the mapped codes that start with its first byte
    /// (two bytes when none do), so that the rest of the string stays aligned.
    pub(super) fn next_code(&self, bytes: &[u8]) -> (u32, u32, usize) {
        let code_of = |n: usize| bytes[..n].iter().fold(0u32, |a, &b| (a << 8) | b as u32);
        for n in 1..=bytes.len().min(4) {
            if let Some(cid) = self.parsed.cmap.lookup_cid_code(code_of(n), n as u8) {
                return (code_of(n), cid, n);
            }
        }
        let Some(&first) = bytes.first() else {
            return (0, 0, 1);
        };
        let n = match self.parsed.lead_len[first as usize] {
            1 => 1,
            _ => bytes.len().min(2),
        };
        (code_of(n), 0, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adobe_collections_map_cids_to_unicode() {
        // Adobe-GB1 CID 1 is the space, CID 4559 is 中 (U+4E2D); Adobe-Japan1 CID
        // 526 is あ; Adobe-Korea1 CID 3296 is 한.
        let gb1 = Collection::from_registry_ordering(b"Adobe", b"GB1").unwrap();
        assert_eq!(gb1.text(1).as_deref(), Some(" "));
        assert_eq!(gb1.text(4559).as_deref(), Some("中"));
        let j = Collection::from_registry_ordering(b"Adobe", b"Japan1").unwrap();
        assert_eq!(j.text(526).as_deref(), Some("あ"));
        let k = Collection::from_registry_ordering(b"Adobe", b"Korea1").unwrap();
        assert_eq!(k.text(3296).as_deref(), Some("한"));
        assert_eq!(
            Collection::from_registry_ordering(b"Adobe", b"Identity"),
            None
        );
    }

    #[test]
    fn predefined_encodings_split_codes_and_give_cids() {
        assert!(Predefined::load(b"Identity-H").is_none());
        assert!(Predefined::load(b"No-Such-CMap").is_none());
        let gbk = Predefined::load(b"GBK-EUC-H").unwrap();
        assert_eq!(gbk.collection, Some(Collection::Gb1));
        // "A" is one byte (CID 846, a proportional Latin glyph), 中 is D6 D0.
        let (code, cid, n) = gbk.next_code(b"A\xd6\xd0");
        assert_eq!((code, cid, n), (0x41, 846, 1));
        assert_eq!(Collection::Gb1.text(cid).as_deref(), Some("A"));
        let (code, cid, n) = gbk.next_code(b"\xd6\xd0");
        assert_eq!((code, n), (0xd6d0, 2));
        assert_eq!(Collection::Gb1.text(cid).as_deref(), Some("中"));
        // Unmapped codes keep their length: a GBK lead byte with an invalid trail
        // byte takes two bytes, and a UCS-2 code outside the collection two bytes.
        assert_eq!(gbk.next_code(b"\xd6\x00A"), (0xd600, 0, 2));
        let ucs2 = Predefined::load(b"UniGB-UCS2-H").unwrap();
        assert_eq!(ucs2.next_code(b"\xe0\x00\x4e\x2d").2, 2);
        assert_eq!(ucs2.next_code(b"\x4e\x2d").2, 2);
    }
}
