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
const VERSION: u32 = 23;
const FILE: &str = "profiles.json";

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    key: String,
    profiles: Vec<RoleProfile>,
    /// Every role's relevance vector length (`retrieval::Relevance`).
    norms: Vec<f32>,
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
    serde_json::from_slice(&bytes).ok().map(Preloaded)
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
            serde_json::from_slice(&bytes).ok()?
        }
    };
    let n = index.role_count();
    (c.version == VERSION
        && c.key == key(index, k, p)
        && c.profiles.len() == n
        && c.norms.len() == n)
        .then_some((c.profiles, c.norms))
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
    struct CacheRef<'a> {
        version: u32,
        key: String,
        profiles: &'a [RoleProfile],
        norms: &'a [f32],
    }
    let c = CacheRef {
        version: VERSION,
        key: key(index, k, p),
        profiles,
        norms,
    };
    let Ok(json) = serde_json::to_vec(&c) else {
        return;
    };
    let path = index.cache_path(FILE);
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, json).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    // Readable by every user of a shared index, whatever the writer's umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o644));
    }
    if std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
