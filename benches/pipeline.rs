//! Criterion benchmarks of the cvmatch pipeline, stage by stage.
//!
//! Groups:
//!
//! - `extract`: PDF to [`Document`] for each sample CV (`samples/cvs/*.pdf`), and
//!   all of them as one iteration (throughput in CVs).
//! - `extract_corpus`: all PDFs under `../shared/corpus/cv-pdfs` (relative to
//!   `CARGO_MANIFEST_DIR`) as one iteration; only when that folder exists.
//! - `layout_bomb`: a one-page PDF of 50,000 and 200,000 `(a) Tj` on one line,
//!   built in memory (issue 11's layout bomb); the time per glyph stays flat.
//! - `analyse`: [`cv::analyse`] on pre-extracted documents (one CV, and all).
//! - `match`: [`Matcher::score`] against the index of the 15 sample roles (one
//!   CV, and all sample CVs), plus [`Matcher::new`] (role profiles).
//! - `match_nhs` (opt-in, `CVMATCH_BENCH_NHS=1`): [`Matcher::score`] against the
//!   14,842 NHS postings of the shared corpus (one CV, and all sample CVs).
//! - `index`: building the index of the 15 sample roles in a fresh temporary
//!   directory, and opening it.
//!
//! The default run is short (10 samples, small warm-up and measurement times):
//! `cargo bench --bench pipeline` takes a few minutes. Pick a group with a filter,
//! e.g. `cargo bench --bench pipeline -- match/`.
//!
//! Page counts are printed to stderr once, so per-page times can be derived from
//! the per-iteration figures.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use cvmatch::cv::{self, Cv};
use cvmatch::extract::{self, Document};
use cvmatch::index::{self, RoleIndex, RoleSource};
use cvmatch::roles;
use cvmatch::score::{Matcher, Weights};

/// The built-in knowledge, built once for this test binary.
fn knowledge() -> &'static cvmatch::knowledge::Knowledge {
    static K: std::sync::OnceLock<cvmatch::knowledge::Knowledge> = std::sync::OnceLock::new();
    K.get_or_init(cvmatch::knowledge::Knowledge::builtin)
}

const SAMPLES: usize = 10;
const WARM_UP: Duration = Duration::from_millis(500);
const MEASURE: Duration = Duration::from_secs(2);

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every PDF under `dir` (recursively), sorted.
fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn sample_cvs() -> Vec<PathBuf> {
    let files = pdfs_under(&manifest_dir().join("samples/cvs"));
    assert!(!files.is_empty(), "no sample CVs in samples/cvs");
    files
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn extract_all(files: &[PathBuf]) -> Vec<Document> {
    files
        .iter()
        .map(|f| extract::extract_path(f).expect("sample CV extracts"))
        .collect()
}

/// The short default configuration; command-line flags still override it.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(WARM_UP)
        .measurement_time(MEASURE)
}

fn bench_extract(c: &mut Criterion) {
    let files = sample_cvs();
    let docs = extract_all(&files);
    let pages: usize = docs.iter().map(|d| d.pages).sum();
    eprintln!(
        "extract: {} sample CVs, {pages} pages in total",
        files.len()
    );

    let mut g = c.benchmark_group("extract");
    for f in &files {
        g.bench_with_input(BenchmarkId::new("cv", stem(f)), f, |b, f| {
            b.iter(|| extract::extract_path(black_box(f)).expect("extracts"));
        });
    }
    g.throughput(Throughput::Elements(files.len() as u64));
    g.bench_function("all_samples", |b| {
        b.iter(|| {
            for f in &files {
                black_box(extract::extract_path(black_box(f)).expect("extracts"));
            }
        });
    });
    g.finish();
}

fn bench_extract_corpus(c: &mut Criterion) {
    let dir = manifest_dir().join("../shared/corpus/cv-pdfs");
    if !dir.is_dir() {
        return;
    }
    let files = pdfs_under(&dir);
    if files.is_empty() {
        return;
    }
    // Some corpus files may not extract (image-only, broken): they still count
    // as work done; only totals are printed, never file names or text.
    let mut pages = 0;
    let mut failed = 0;
    for f in &files {
        match extract::extract_path(f) {
            Ok(d) => pages += d.pages,
            Err(_) => failed += 1,
        }
    }
    eprintln!(
        "extract_corpus: {} PDFs, {pages} pages extracted, {failed} failed",
        files.len()
    );
    let mut g = c.benchmark_group("extract_corpus");
    g.throughput(Throughput::Elements(files.len() as u64));
    g.bench_function("all", |b| {
        b.iter(|| {
            for f in &files {
                let _ = black_box(extract::extract_path(black_box(f)));
            }
        });
    });
    g.finish();
}

/// A one-page PDF whose content stream shows `(a)` `n` times on one line, built
/// in memory (the layout bomb of issue 11, uncompressed).
fn layout_bomb(n: usize) -> Vec<u8> {
    use lopdf::{Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut content = b"BT /F1 1 Tf 72 700 Td ".to_vec();
    content.extend(b"(a)Tj ".repeat(n));
    content.extend(b"ET");
    let c = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => c,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

/// The layout bomb at growing sizes: time per glyph should stay flat.
fn bench_layout_bomb(c: &mut Criterion) {
    let mut g = c.benchmark_group("layout_bomb");
    for n in [50_000usize, 200_000] {
        let pdf = layout_bomb(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &pdf, |b, pdf| {
            b.iter(|| extract::extract_pdf_bytes(black_box(pdf), Path::new("bomb.pdf")));
        });
    }
    g.finish();
}

fn bench_analyse(c: &mut Criterion) {
    let files = sample_cvs();
    let docs = extract_all(&files);
    let mut g = c.benchmark_group("analyse");
    g.bench_function(BenchmarkId::new("cv", stem(&files[0])), |b| {
        b.iter(|| cv::analyse(black_box(&docs[0]), knowledge()));
    });
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("all_samples", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(cv::analyse(black_box(d), knowledge()));
            }
        });
    });
    g.finish();
}

/// The index of the embedded sample roles, built in a temporary directory.
fn sample_index() -> (tempfile::TempDir, RoleIndex) {
    let roles = roles::embedded().expect("embedded roles load");
    let dir = tempfile::tempdir().expect("tempdir");
    index::build(&roles, &RoleSource::Embedded, dir.path()).expect("index builds");
    let idx = RoleIndex::open(dir.path()).expect("index opens");
    (dir, idx)
}

fn bench_match(c: &mut Criterion) {
    let files = sample_cvs();
    let cvs: Vec<Cv> = extract_all(&files)
        .iter()
        .map(|d| cv::analyse(d, knowledge()))
        .collect();
    let (_dir, idx) = sample_index();
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();

    let mut g = c.benchmark_group("match");
    g.bench_function("matcher_new", |b| {
        b.iter(|| Matcher::new(black_box(&idx), knowledge(), Weights::default()).unwrap());
    });
    g.bench_function(BenchmarkId::new("cv", stem(&files[0])), |b| {
        b.iter(|| matcher.score(black_box(&cvs[0])).expect("scores"));
    });
    g.throughput(Throughput::Elements(cvs.len() as u64));
    g.bench_function("all_samples", |b| {
        b.iter(|| {
            for cv in &cvs {
                black_box(matcher.score(black_box(cv)).expect("scores"));
            }
        });
    });
    // A service's single-CV lookups through the library: every call after the
    // first shares the engine's role analysis.
    let engine = cvmatch::Engine::samples(cvmatch::EngineOptions::default()).expect("engine");
    g.throughput(Throughput::Elements(1));
    g.bench_function("engine_match_path", |b| {
        b.iter(|| engine.match_path(black_box(&files[0])).expect("matches"));
    });
    g.finish();
}

/// Opt-in (`CVMATCH_BENCH_NHS=1`): scoring against the 14,842 NHS postings of
/// `../shared/corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz`. Setting up (loading,
/// indexing, `Matcher::new`) takes tens of seconds, so it is not in the default
/// run; its setup times are printed to stderr.
fn bench_match_nhs(c: &mut Criterion) {
    if std::env::var_os("CVMATCH_BENCH_NHS").is_none() {
        return;
    }
    let nhs = manifest_dir().join("../shared/corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz");
    if !nhs.is_file() {
        return;
    }
    let t = std::time::Instant::now();
    let source = RoleSource::Paths {
        paths: vec![nhs.clone()],
    };
    let roles = source.load().expect("NHS postings load");
    let loaded = t.elapsed();
    let dir = tempfile::tempdir().expect("tempdir");
    index::build(&roles, &source, dir.path()).expect("NHS index builds");
    let built = t.elapsed();
    let idx = RoleIndex::open(dir.path()).expect("NHS index opens");
    let opened = t.elapsed();
    let matcher = Matcher::new(&idx, knowledge(), Weights::default()).unwrap();
    let profiled = t.elapsed();
    eprintln!(
        "match_nhs setup: {} roles; load {:.2?}, build {:.2?}, open {:.2?}, Matcher::new {:.2?}",
        roles.len(),
        loaded,
        built - loaded,
        opened - built,
        profiled - opened
    );
    let files = sample_cvs();
    let cvs: Vec<Cv> = extract_all(&files)
        .iter()
        .map(|d| cv::analyse(d, knowledge()))
        .collect();
    let mut g = c.benchmark_group("match_nhs");
    g.bench_function(BenchmarkId::new("cv", stem(&files[0])), |b| {
        b.iter(|| matcher.score(black_box(&cvs[0])).expect("scores"));
    });
    g.throughput(Throughput::Elements(cvs.len() as u64));
    g.bench_function("all_samples", |b| {
        b.iter(|| {
            for cv in &cvs {
                black_box(matcher.score(black_box(cv)).expect("scores"));
            }
        });
    });
    // A service's single-CV lookups through the library: every call after the
    // first shares the engine's role analysis.
    let engine = cvmatch::Engine::samples(cvmatch::EngineOptions::default()).expect("engine");
    g.throughput(Throughput::Elements(1));
    g.bench_function("engine_match_path", |b| {
        b.iter(|| engine.match_path(black_box(&files[0])).expect("matches"));
    });
    g.finish();
}

fn bench_index(c: &mut Criterion) {
    let roles = roles::embedded().expect("embedded roles load");
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Elements(roles.len() as u64));
    g.bench_function("build_samples", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                index::build(black_box(&roles), &RoleSource::Embedded, dir.path())
                    .expect("index builds");
                dir
            },
            BatchSize::PerIteration,
        );
    });
    let (dir, _idx) = sample_index();
    g.bench_function("open_samples", |b| {
        b.iter(|| RoleIndex::open(black_box(dir.path())).expect("index opens"));
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_extract, bench_extract_corpus, bench_layout_bomb, bench_analyse, bench_match, bench_match_nhs, bench_index
}
criterion_main!(benches);
