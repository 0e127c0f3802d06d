//! Every input that crashed, hung or exhausted memory in a fuzz target
//! (`fuzz/`, see its README), minimised, in `tests/fixtures/fuzz/<target>/`, run
//! through the same entry point as that target: each must end in bounded time
//! as a document within the limits or an error, and without a panic, caught or
//! not. A panic that the readers' `catch_unwind` catches shows as the error
//! "the reader failed on this file"; that is allowed only for a file whose name
//! starts with `caught-` (a panic inside a dependency, which the guard is there
//! for; the file name says which).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cvmatch::extract::ExtractOptions;
use cvmatch::limits::Limits;
use cvmatch::roles;

/// The deadline the targets give one CV.
const TIME: Duration = Duration::from_secs(2);
/// How long one input may take here (a debug build, tests running side by
/// side): far more than any should need, far less than a hang.
const BOUND: Duration = Duration::from_secs(60);
/// What a caught panic in a reader looks like.
const CAUGHT: &str = "the reader failed on this file";

/// The inputs committed for one target, in name order.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("read tests/fixtures/fuzz").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read fuzz fixture");
            (p, bytes)
        })
        .collect()
}

fn name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// Runs `f` on every input of `target`, timing each and checking that an
/// error is not a caught panic (unless the file is named `caught-*`).
fn each(target: &str, f: impl Fn(&[u8]) -> Option<String>) {
    for (path, bytes) in inputs(target) {
        let start = Instant::now();
        let error = f(&bytes);
        let took = start.elapsed();
        assert!(took < BOUND, "{}: took {took:?}", path.display());
        if let Some(e) = error
            && e.contains(CAUGHT)
        {
            assert!(
                name(&path).starts_with("caught-"),
                "{}: a reader panicked: {e}",
                path.display()
            );
        }
    }
}

fn extract_options() -> ExtractOptions {
    ExtractOptions {
        limits: Limits {
            time: TIME,
            ..Limits::default()
        },
        ..ExtractOptions::default()
    }
}

#[test]
fn pdf_regressions() {
    let opts = extract_options();
    each(
        "pdf",
        |bytes| match cvmatch::extract::extract_pdf_bytes_with(bytes, Path::new("fuzz.pdf"), &opts)
        {
            Ok(doc) => {
                assert!(doc.stats.chars <= opts.limits.chars);
                None
            }
            Err(e) => Some(e.to_string()),
        },
    );
}

/// fuzz/fuzz_targets/docx.rs: an input that is not a zip is a list of XML
/// parts, stored in a fresh zip under these names.
fn docx_of(bytes: &[u8]) -> Vec<u8> {
    const SEPARATOR: &[u8] = b"\n--cvmatch-part--\n";
    const PARTS: &[&str] = &[
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    if bytes.starts_with(b"PK") {
        return bytes.to_vec();
    }
    let mut parts = Vec::new();
    let mut rest = bytes;
    while let Some(i) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        parts.push(&rest[..i]);
        rest = &rest[i + SEPARATOR.len()..];
    }
    parts.push(rest);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in PARTS.iter().zip(parts) {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(part).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_regressions() {
    let limits = Limits::default();
    each("docx", |bytes| {
        match cvmatch::extract::extract_docx_bytes(&docx_of(bytes), Path::new("fuzz.docx")) {
            Ok(doc) => {
                assert!(doc.stats.chars <= limits.chars);
                None
            }
            Err(e) => Some(e.to_string()),
        }
    });
}

fn load(bytes: &[u8], name: &str) -> Option<String> {
    let limits = roles::limits::Limits::default();
    match roles::load_bytes_with(bytes, Path::new(name), &limits) {
        Ok(roles) => {
            for r in &roles {
                assert!(r.body_text().len() as u64 <= 64 * bytes.len() as u64 + 4096);
            }
            None
        }
        Err(e) => Some(e.to_string()),
    }
}

#[test]
fn roles_toml_regressions() {
    each("roles_toml", |bytes| load(bytes, "fuzz.toml"));
}

#[test]
fn roles_jsonld_regressions() {
    each("roles_jsonld", |bytes| {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            load(bytes, "fuzz.jsonl.gz")
        } else {
            load(bytes, "fuzz.jsonld");
            load(bytes, "fuzz.jsonl")
        }
    });
}

#[test]
fn advert_html_regressions() {
    each("advert_html", |bytes| {
        let input = String::from_utf8_lossy(bytes);
        let text = roles::html::to_text(&input);
        assert!(text.len() <= 8 * input.len() + 64);
        assert!(roles::html::to_line(&input).len() <= 8 * input.len() + 64);
        let _ = roles::spec::parse(&text);
        None
    });
}

/// The fuzz targets' in-memory loader reads the sample roles as loading the
/// files does.
#[test]
fn load_bytes_with_reads_the_samples_as_load_file_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/roles");
    let limits = roles::limits::Limits::default();
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !roles::is_role_file(&path) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let from_file = roles::load_file_with(&path, &limits).unwrap();
        let from_bytes = roles::load_bytes_with(&bytes, &path, &limits).unwrap();
        assert_eq!(from_file, from_bytes);
        n += 1;
    }
    assert!(n >= 10);
}

/// The in-memory loader keeps the loaders' bounds and errors.
#[test]
fn load_bytes_with_keeps_the_bounds() {
    let small = roles::limits::Limits {
        posting_bytes: 16,
        line_bytes: 16,
        ..roles::limits::Limits::default()
    };
    let toml = b"title = \"A role with a long title\"\n";
    let e = roles::load_bytes_with(toml, Path::new("r.toml"), &small).unwrap_err();
    assert!(e.to_string().contains("posting size"), "{e}");
    let line = br#"{"@type":"JobPosting","title":"A role with a long title"}"#;
    let e = roles::load_bytes_with(line, Path::new("r.jsonl"), &small).unwrap_err();
    assert!(e.to_string().contains("line size"), "{e}");
    let e = roles::load_bytes_with(b"", Path::new("r.jsonl"), &small).unwrap_err();
    assert!(e.to_string().contains("no JSON Lines records"), "{e}");
    let e = roles::load_bytes_with(b"\xff", Path::new("r.json"), &small).unwrap_err();
    assert!(e.to_string().contains("UTF-8"), "{e}");
    let e = roles::load_bytes_with(b"x", Path::new("r.txt"), &small).unwrap_err();
    assert!(e.to_string().contains("not a role file"), "{e}");
}
