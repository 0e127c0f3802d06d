//! The on-disk cache of role profiles and relevance norms: role analysis and
//! every role's tf-idf vector length, kept next to the index (in the live
//! generation, so it goes when the generation does), keyed by the index's
//! fingerprint, the knowledge's and the scoring parameters. It holds role data
//! only, never CV data, and is written best effort: a read-only index just
//! means no cache.

use serde::{Deserialize, Serialize};

use super::features::RoleProfile;
use super::params::Params;
use crate::index::RoleIndex;
use crate::knowledge::Knowledge;

/// Bumped whenever profile computation changes meaning.
const VERSION: u32 = 42;
const FILE: &str = "profiles.bin";

/// The cache's body, after its header (the format version and the key).
#[derive(Serialize, Deserialize)]
struct Body {
    profiles: Vec<RoleProfile>,
    /// Every role's relevance vector length (`retrieval::Relevance`).
    norms: Vec<f32>,
}

/// A cache file's content: read from the header, which is checked before
/// the body is parsed.
struct Cache {
    key: String,
    body: Body,
}

/// Parses a cache file: `None` when it is of another format version or does
/// not parse.
fn parse(bytes: &[u8]) -> Option<Cache> {
    let ((version, key), rest): ((u32, String), &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if version != VERSION {
        return None;
    }
    let body = postcard::from_bytes(rest).ok()?;
    Some(Cache { key, body })
}

fn key(index: &RoleIndex, k: &Knowledge, p: &Params) -> String {
    let m = index.manifest();
    format!(
        "{}:{}:{}:{:016x}:{}",
        m.fingerprint,
        m.built_at,
        index.role_count(),
        k.fingerprint(),
        serde_json::to_string(p).unwrap_or_default()
    )
}

/// A cache file read ahead, before the index and knowledge it must match are
/// at hand ([`preload`]); checked when the matcher is made.
pub(crate) struct Preloaded(Cache);

/// Reads and parses the cache file of the generation that is live in the index
/// folder `dir`, without checking it: a start-up can do this beside opening
/// the index. `None` when there is none or it cannot be read.
pub(crate) fn preload(dir: &std::path::Path) -> Option<Preloaded> {
    let path = crate::index::live_generation_file(dir, FILE)?;
    let bytes = std::fs::read(path).ok()?;
    parse(&bytes).map(Preloaded)
}

/// The cached profiles and norms of `index`, when they were made with the same
/// index, knowledge and parameters: from `preloaded` when given (and it fits),
/// else read now.
pub(super) fn load(
    index: &RoleIndex,
    k: &Knowledge,
    p: &Params,
    preloaded: Option<Preloaded>,
) -> Option<(Vec<RoleProfile>, Vec<f32>)> {
    let c = match preloaded {
        Some(Preloaded(c)) => c,
        None => {
            let bytes = std::fs::read(index.cache_path(FILE)).ok()?;
            parse(&bytes)?
        }
    };
    let n = index.role_count();
    (c.key == key(index, k, p) && c.body.profiles.len() == n && c.body.norms.len() == n)
        .then_some((c.body.profiles, c.body.norms))
}

/// Writes the profiles and norms next to the index (best effort, atomically by
/// rename).
pub(super) fn store(
    index: &RoleIndex,
    k: &Knowledge,
    p: &Params,
    profiles: &[RoleProfile],
    norms: &[f32],
) {
    #[derive(Serialize)]
    struct BodyRef<'a> {
        profiles: &'a [RoleProfile],
        norms: &'a [f32],
    }
    let Ok(head) = postcard::to_allocvec(&(VERSION, key(index, k, p))) else {
        return;
    };
    let Ok(bytes) = postcard::to_extend(&BodyRef { profiles, norms }, head) else {
        return;
    };
    crate::index::write_cache_file(&index.cache_path(FILE), &bytes);
}
