//! The tantivy index of roles, built atomically and opened for matching.
//!
//! **Layout.** An index directory holds generations: `gen-<n>/` is a complete
//! tantivy index plus a `manifest.json`, and the small file `CURRENT` names the live
//! generation. [`build`] writes a new generation in a temporary directory, renames it
//! into place, then replaces `CURRENT` by an atomic rename, so a reader always sees
//! either the old index or the new one, never half of one. Old generations are
//! removed afterwards (best effort).
//!
//! **Schema.** `id` (raw, stored), `title`, `body` (summary, description,
//! responsibilities), `criteria` (the person specification) and `skills`, each
//! analysed by the shared [`text`](crate::text) analyser; `role` stores the whole
//! [`Role`](crate::roles::Role) as JSON, so output never needs the original files; `ord` keeps the
//! load order.
//!
//! **Freshness.** The manifest records where the roles came from and a fingerprint
//! of them (file paths, sizes and modification times, or the embedded samples'
//! content) together with the analyser version. [`RoleIndex::is_fresh_for`] tells
//! the matcher whether the default index must be rebuilt.
//!
//! Role text is not CV text: the index never holds anything from a CV.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{Index, IndexReader, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::roles::{self, Role};
use crate::text::{self, Fnv};

/// Bumped whenever the schema or the analyser changes meaning, so old indexes are
/// rebuilt rather than misread.
pub const INDEX_FORMAT: u32 = 2;

const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "manifest.json";

/// Where the indexed roles came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RoleSource {
    /// The sample roles compiled into the binary.
    Embedded,
    /// Role files and folders on disk.
    Paths { paths: Vec<PathBuf> },
}

impl RoleSource {
    /// Loads the roles this source names.
    pub fn load(&self) -> Result<Vec<Role>> {
        match self {
            RoleSource::Embedded => roles::embedded(),
            RoleSource::Paths { paths } => roles::load_paths(paths),
        }
    }

    /// A fingerprint of the roles as they are now: content for the embedded
    /// samples; path, size and modification time of every role file otherwise.
    pub fn fingerprint(&self) -> Result<u64> {
        let mut h = Fnv::new();
        h.write(&INDEX_FORMAT.to_le_bytes());
        match self {
            RoleSource::Embedded => h.write(&roles::embedded_fingerprint().to_le_bytes()),
            RoleSource::Paths { paths } => {
                for p in paths {
                    let mut files = Vec::new();
                    let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
                    if meta.is_dir() {
                        for entry in walkdir::WalkDir::new(p).follow_links(true) {
                            let entry = entry.map_err(|e| {
                                let path = e.path().unwrap_or(p).to_path_buf();
                                Error::io(&path, e.into())
                            })?;
                            if entry.file_type().is_file() && roles::is_role_file(entry.path()) {
                                files.push(entry.into_path());
                            }
                        }
                        files.sort();
                    } else {
                        files.push(p.clone());
                    }
                    for f in files {
                        let m = std::fs::metadata(&f).map_err(|e| Error::io(&f, e))?;
                        h.write(f.to_string_lossy().as_bytes());
                        h.write(&m.len().to_le_bytes());
                        let mtime = m
                            .modified()
                            .ok()
                            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                            .map_or(0, |d| d.as_nanos());
                        h.write(&mtime.to_le_bytes());
                    }
                }
            }
        }
        Ok(h.finish())
    }
}

/// What `manifest.json` records about a generation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub cvmatch_version: String,
    /// Seconds since the Unix epoch when the generation was built.
    pub built_at: u64,
    pub source: RoleSource,
    /// Fingerprint of the roles when they were indexed (hex).
    pub fingerprint: String,
    pub roles: usize,
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    ord: Field,
    title: Field,
    body: Field,
    criteria: Field,
    skills: Field,
    role: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(text::TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        ord: b.add_u64_field("ord", INDEXED | STORED | FAST),
        title: b.add_text_field("title", analysed.clone()),
        body: b.add_text_field("body", analysed.clone()),
        criteria: b.add_text_field("criteria", analysed.clone()),
        skills: b.add_text_field("skills", analysed),
        role: b.add_text_field("role", STORED),
    };
    (b.build(), fields)
}

/// The searchable fields, for queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    Title,
    Body,
    Criteria,
    Skills,
}

impl SearchField {
    pub const ALL: [SearchField; 4] = [
        SearchField::Title,
        SearchField::Body,
        SearchField::Criteria,
        SearchField::Skills,
    ];
}

/// Builds an index of `roles` in `dir` (created if needed), atomically replacing
/// any index already there.
pub fn build(roles: &[Role], source: &RoleSource, dir: &Path) -> Result<Manifest> {
    roles::check_unique(roles)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let fingerprint = source.fingerprint()?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = dir.join(format!(".tmp-{}-{nanos}", std::process::id()));
    let result = build_in(roles, source, fingerprint, &tmp);
    let manifest = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    // Pick a fresh generation name and move the finished index there.
    let mut n = nanos;
    let mut gen_name = format!("gen-{n}");
    while dir.join(&gen_name).exists() {
        n += 1;
        gen_name = format!("gen-{n}");
    }
    let gen_dir = dir.join(&gen_name);
    std::fs::rename(&tmp, &gen_dir).map_err(|e| Error::io(&gen_dir, e))?;
    // Swap the pointer atomically.
    let current_tmp = dir.join(format!(".{CURRENT}.{}", std::process::id()));
    std::fs::write(&current_tmp, format!("{gen_name}\n"))
        .map_err(|e| Error::io(&current_tmp, e))?;
    let current = dir.join(CURRENT);
    std::fs::rename(&current_tmp, &current).map_err(|e| Error::io(&current, e))?;
    remove_old_generations(dir, &gen_name);
    Ok(manifest)
}

fn build_in(roles: &[Role], source: &RoleSource, fingerprint: u64, tmp: &Path) -> Result<Manifest> {
    std::fs::create_dir_all(tmp).map_err(|e| Error::io(tmp, e))?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(tmp, schema).map_err(|e| Error::index(tmp, e))?;
    text::register(&index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 64_000_000)
        .map_err(|e| Error::index(tmp, e))?;
    for (ord, role) in roles.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &role.id);
        doc.add_u64(f.ord, ord as u64);
        doc.add_text(f.title, &role.title);
        doc.add_text(f.body, role.body_text());
        for c in &role.criteria {
            doc.add_text(f.criteria, &c.text);
        }
        for s in &role.skills {
            doc.add_text(f.skills, s);
        }
        let json = serde_json::to_string(role).map_err(|e| Error::index(tmp, e))?;
        doc.add_text(f.role, json);
        writer.add_document(doc).map_err(|e| Error::index(tmp, e))?;
    }
    writer.commit().map_err(|e| Error::index(tmp, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| Error::index(tmp, e))?;
    let manifest = Manifest {
        format: INDEX_FORMAT,
        cvmatch_version: env!("CARGO_PKG_VERSION").to_string(),
        built_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        source: source.clone(),
        fingerprint: format!("{fingerprint:016x}"),
        roles: roles.len(),
    };
    let path = tmp.join(MANIFEST);
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| Error::index(tmp, e))?;
    std::fs::write(&path, json).map_err(|e| Error::io(&path, e))?;
    Ok(manifest)
}

fn remove_old_generations(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name != keep && name.starts_with("gen-") {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Does `dir` hold an index (a `CURRENT` pointer)?
pub fn exists(dir: &Path) -> bool {
    dir.join(CURRENT).is_file()
}

/// Reads the manifest of the live generation in `dir`.
pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    let gen_dir = live_generation(dir)?;
    let path = gen_dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::index(dir, format!("bad manifest: {e}")))
}

fn live_generation(dir: &Path) -> Result<PathBuf> {
    let current = dir.join(CURRENT);
    let name = std::fs::read_to_string(&current).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::index(
            dir,
            "no index here (run `cvmatch index --index DIR` to build one)",
        ),
        _ => Error::io(&current, e),
    })?;
    let name = name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(Error::index(
            dir,
            format!("CURRENT names an invalid generation `{name}`"),
        ));
    }
    Ok(dir.join(name))
}

/// An open index: the tantivy reader plus every role, in load order.
pub struct RoleIndex {
    dir: PathBuf,
    /// The live generation's directory (for caches derived from it).
    gen_dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    roles: Vec<Role>,
    manifest: Manifest,
    /// Per segment, document id → role position.
    ords: Vec<Vec<u32>>,
}

/// A term's frequency in each searchable field of one role, in the order of
/// [`SearchField::ALL`] (title, body, criteria, skills).
pub type FieldFreqs = [u32; 4];

impl std::fmt::Debug for RoleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleIndex")
            .field("dir", &self.dir)
            .field("roles", &self.roles.len())
            .finish()
    }
}

impl RoleIndex {
    /// Opens the live generation of the index in `dir`.
    pub fn open(dir: &Path) -> Result<RoleIndex> {
        let manifest = read_manifest(dir)?;
        if manifest.format != INDEX_FORMAT {
            return Err(Error::index(
                dir,
                format!(
                    "index format {} is not supported by this cvmatch (expects {INDEX_FORMAT}); rebuild it with `cvmatch index`",
                    manifest.format
                ),
            ));
        }
        let gen_dir = live_generation(dir)?;
        let index = Index::open_in_dir(&gen_dir).map_err(|e| Error::index(dir, e))?;
        text::register(&index);
        let (_, fields) = schema();
        let reader = index.reader().map_err(|e| Error::index(dir, e))?;
        let searcher = reader.searcher();
        let mut roles: Vec<(u64, Role)> = Vec::with_capacity(searcher.num_docs() as usize);
        let mut ords: Vec<Vec<u32>> = Vec::new();
        for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
            let mut seg_ords = vec![u32::MAX; seg.max_doc() as usize];
            for doc_id in seg.doc_ids_alive() {
                let addr = tantivy::DocAddress::new(seg_ord as u32, doc_id);
                let doc: TantivyDocument = searcher.doc(addr).map_err(|e| Error::index(dir, e))?;
                let ord = doc
                    .get_first(fields.ord)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(u64::MAX);
                let json = doc
                    .get_first(fields.role)
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| Error::index(dir, "a document has no stored role"))?;
                let role: Role = serde_json::from_str(json)
                    .map_err(|e| Error::index(dir, format!("bad stored role: {e}")))?;
                seg_ords[doc_id as usize] = u32::try_from(ord).unwrap_or(u32::MAX);
                roles.push((ord, role));
            }
            ords.push(seg_ords);
        }
        roles.sort_by_key(|(ord, _)| *ord);
        // `ord` numbers the roles 0..n when the index was built; anything else
        // (a damaged index) is refused rather than misread.
        if roles
            .iter()
            .enumerate()
            .any(|(i, (ord, _))| *ord != i as u64)
        {
            return Err(Error::index(dir, "role order numbers are not 0..n"));
        }
        Ok(RoleIndex {
            dir: dir.to_path_buf(),
            gen_dir,
            index,
            reader,
            fields,
            roles: roles.into_iter().map(|(_, r)| r).collect(),
            manifest,
            ords,
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every role, in the order they were loaded.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// Where a cache derived from this generation's roles lives (inside the
    /// generation, so it goes when the generation does). Caches hold role
    /// analysis only, never CV data.
    pub fn cache_path(&self, name: &str) -> PathBuf {
        self.gen_dir.join(name)
    }

    /// The manifest of the open generation.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Whether the index still reflects `source` as it is now.
    pub fn is_fresh_for(&self, source: &RoleSource) -> Result<bool> {
        Ok(self.manifest.source == *source
            && self.manifest.fingerprint == format!("{:016x}", source.fingerprint()?))
    }

    /// The tantivy field for a searchable field.
    fn field(&self, f: SearchField) -> Field {
        match f {
            SearchField::Title => self.fields.title,
            SearchField::Body => self.fields.body,
            SearchField::Criteria => self.fields.criteria,
            SearchField::Skills => self.fields.skills,
        }
    }

    /// Number of roles containing `term` (an analysed term) in `field`.
    pub fn doc_freq(&self, field: SearchField, term: &str) -> u64 {
        let t = Term::from_field_text(self.field(field), term);
        self.reader.searcher().doc_freq(&t).unwrap_or(0)
    }

    /// BM25 inverse document frequency of `term` in `field`, as tantivy computes it.
    pub fn idf(&self, field: SearchField, term: &str) -> f32 {
        self.idf_of_df(self.doc_freq(field, term))
    }

    /// The highest document frequency of `term` over the searchable fields.
    pub fn max_doc_freq(&self, term: &str) -> u64 {
        SearchField::ALL
            .iter()
            .map(|&f| self.doc_freq(f, term))
            .max()
            .unwrap_or(0)
    }

    /// BM25 inverse document frequency for a document frequency over these roles.
    pub fn idf_of_df(&self, df: u64) -> f32 {
        let n = self.roles.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Runs a weighted-terms query (each term searched in every field, the best
    /// field counting) and returns the BM25 score of every matching role, by role
    /// position in [`roles`](Self::roles).
    pub fn search_terms(
        &self,
        terms: &[(String, f32)],
        field_boosts: &[(SearchField, f32)],
    ) -> Result<Vec<f32>> {
        use tantivy::collector::TopDocs;
        use tantivy::query::{
            BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery,
        };
        let mut scores = vec![0.0f32; self.roles.len()];
        if terms.is_empty() || self.roles.is_empty() {
            return Ok(scores);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(terms.len());
        for (term, weight) in terms {
            let per_field: Vec<Box<dyn Query>> = field_boosts
                .iter()
                .map(|&(f, boost)| {
                    let t = Term::from_field_text(self.field(f), term);
                    let q = TermQuery::new(t, IndexRecordOption::WithFreqs);
                    Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>
                })
                .collect();
            let dismax = DisjunctionMaxQuery::new(per_field);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(dismax), *weight)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(self.roles.len()).order_by_score(),
            )
            .map_err(|e| Error::index(&self.dir, e))?;
        for (score, addr) in top {
            let ord = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("ord")
                .ok()
                .and_then(|col| col.first(addr.doc_id));
            let ord = match ord {
                Some(o) => o,
                None => {
                    let doc: TantivyDocument =
                        searcher.doc(addr).map_err(|e| Error::index(&self.dir, e))?;
                    doc.get_first(self.fields.ord)
                        .and_then(|v| v.as_u64())
                        .unwrap_or(u64::MAX)
                }
            };
            if let Some(s) = scores.get_mut(ord as usize) {
                *s = score;
            }
        }
        Ok(scores)
    }

    /// The roles holding `term` (an analysed term) in any searchable field, by
    /// role position, with the term's frequency in each field; in no particular
    /// order.
    pub fn postings(&self, term: &str) -> Result<Vec<(usize, FieldFreqs)>> {
        let searcher = self.reader.searcher();
        let mut out: Vec<(usize, FieldFreqs)> = Vec::new();
        let mut slots: Vec<u32> = Vec::new();
        for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
            let key = term.as_bytes();
            self.segment_postings(seg, seg_ord, key, &mut slots, &mut out)?;
        }
        Ok(out)
    }

    /// Appends the roles of one segment holding the term `key` to `out`.
    /// `slots` is scratch space (doc id → row in `out`), left all unset.
    fn segment_postings(
        &self,
        seg: &tantivy::SegmentReader,
        seg_ord: usize,
        key: &[u8],
        slots: &mut Vec<u32>,
        out: &mut Vec<(usize, FieldFreqs)>,
    ) -> Result<()> {
        use tantivy::DocSet;
        use tantivy::postings::Postings;
        let err = |e: std::io::Error| Error::index(&self.dir, e);
        slots.resize(seg.max_doc() as usize, u32::MAX);
        let mut touched: Vec<u32> = Vec::new();
        for (k, f) in SearchField::ALL.iter().enumerate() {
            let inv = seg
                .inverted_index(self.field(*f))
                .map_err(|e| Error::index(&self.dir, e))?;
            let Some(info) = inv.terms().get(key).map_err(err)? else {
                continue;
            };
            let mut p = inv
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                .map_err(err)?;
            let mut doc = p.doc();
            while doc != tantivy::TERMINATED {
                let slot = &mut slots[doc as usize];
                if *slot == u32::MAX {
                    *slot = out.len() as u32;
                    touched.push(doc);
                    let role = self.ords[seg_ord][doc as usize] as usize;
                    out.push((role, [0; 4]));
                }
                out[*slot as usize].1[k] = p.term_freq();
                doc = p.advance();
            }
        }
        // Leave the scratch space unset for the next call.
        for d in touched {
            slots[d as usize] = u32::MAX;
        }
        Ok(())
    }

    /// Calls `visit` once for every analysed term of the searchable fields, in
    /// term order, with the roles holding it as [`postings`](Self::postings)
    /// gives them. One pass over the whole index (for document frequencies and
    /// role vector norms).
    pub fn for_each_term(&self, mut visit: impl FnMut(&str, &[(usize, FieldFreqs)])) -> Result<()> {
        let searcher = self.reader.searcher();
        let err = |e: std::io::Error| Error::index(&self.dir, e);
        // Every distinct term over the fields and segments, sorted.
        let mut terms: std::collections::BTreeSet<Vec<u8>> = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            for f in SearchField::ALL {
                let inv = seg
                    .inverted_index(self.field(f))
                    .map_err(|e| Error::index(&self.dir, e))?;
                let mut stream = inv.terms().stream().map_err(err)?;
                while stream.advance() {
                    terms.insert(stream.key().to_vec());
                }
            }
        }
        let mut rows: Vec<(usize, FieldFreqs)> = Vec::new();
        let mut slots: Vec<u32> = Vec::new();
        for key in terms {
            rows.clear();
            for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
                self.segment_postings(seg, seg_ord, &key, &mut slots, &mut rows)?;
            }
            if let Ok(text) = std::str::from_utf8(&key) {
                visit(text, &rows);
            }
        }
        Ok(())
    }

    /// The underlying tantivy index (for benchmarks and diagnostics).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::{Criterion, Priority};

    fn role(id: &str, title: &str, body: &str) -> Role {
        Role {
            id: id.into(),
            title: title.into(),
            description: body.into(),
            skills: vec!["Python".into()],
            criteria: vec![Criterion {
                text: "Degree in a numerate subject".into(),
                priority: Priority::Essential,
                category: None,
            }],
            source: format!("{id}.toml"),
            ..Role::default()
        }
    }

    #[test]
    fn build_open_search_and_rebuild_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let roles = vec![
            role(
                "a",
                "Data Scientist",
                "Machine learning models in Python for the NHS",
            ),
            role("b", "Pastry Chef", "Croissants and laminated dough"),
        ];
        let m = build(&roles, &RoleSource::Embedded, dir.path()).unwrap();
        assert_eq!(m.roles, 2);
        let idx = RoleIndex::open(dir.path()).unwrap();
        assert_eq!(idx.roles().len(), 2);
        assert_eq!(idx.roles()[1].id, "b");
        let q = vec![("learn".to_string(), 1.0), ("model".to_string(), 1.0)];
        let s = idx
            .search_terms(&q, &[(SearchField::Body, 1.0), (SearchField::Title, 2.0)])
            .unwrap();
        assert!(s[0] > 0.0 && s[1] == 0.0, "{s:?}");
        assert_eq!(idx.doc_freq(SearchField::Skills, "python"), 2);

        // Rebuild with one role: the new generation replaces the old one.
        build(&roles[1..], &RoleSource::Embedded, dir.path()).unwrap();
        let idx2 = RoleIndex::open(dir.path()).unwrap();
        assert_eq!(idx2.roles().len(), 1);
        let gens = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
            .count();
        assert_eq!(gens, 1, "old generation removed");
        // The already-open reader still works on its own generation's data.
        assert_eq!(idx.roles().len(), 2);
    }

    #[test]
    fn opening_a_missing_index_names_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let e = RoleIndex::open(&dir.path().join("nope"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("nope") && e.contains("no index"), "{e}");
    }

    #[test]
    fn duplicate_ids_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let roles = vec![role("a", "X", ""), role("a", "Y", "")];
        assert!(build(&roles, &RoleSource::Embedded, dir.path()).is_err());
        assert!(!exists(dir.path()));
    }

    #[test]
    fn fingerprint_changes_when_a_role_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r.toml");
        std::fs::write(&f, "id = 'x'\ntitle = 'X'\n").unwrap();
        let src = RoleSource::Paths {
            paths: vec![dir.path().to_path_buf()],
        };
        let a = src.fingerprint().unwrap();
        std::fs::write(&f, "id = 'x'\ntitle = 'X Y'\n").unwrap();
        let b = src.fingerprint().unwrap();
        assert_ne!(a, b);
    }
}
