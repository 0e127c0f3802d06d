//! Embeds the sample roles (`samples/roles`) into the binary, so that an installed
//! `cvmatch` can match against them from any folder, and fingerprints two parts
//! of the source: the extractor's (`src/extract`), so that `--cache` entries
//! made by another extractor are never read back, and the analyser's
//! (`src/text` and `Cargo.lock`), so that a knowledge image made by another
//! build is never read back.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let dir = Path::new("samples/roles");
    println!("cargo:rerun-if-changed=samples/roles");
    let mut files: Vec<PathBuf> = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            println!("cargo:rerun-if-changed={}", p.display());
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let lower = name.to_ascii_lowercase();
            if p.is_file()
                && (lower.ends_with(".toml")
                    || lower.ends_with(".json")
                    || lower.ends_with(".jsonld")
                    || lower.ends_with(".jsonl"))
            {
                files.push(p);
            }
        }
    }
    files.sort();
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut out = String::from(
        "/// The sample role files embedded at build time: (file name, contents).\n\
         pub static EMBEDDED_ROLES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).expect("utf-8 name");
        let abs = Path::new(&manifest).join(f);
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name,
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_roles.rs");
    fs::write(dest, out).expect("write embedded_roles.rs");
    fingerprint("CVMATCH_EXTRACTOR", &["src/extract"]);
    fingerprint("CVMATCH_ANALYSER", &["src/text", "Cargo.lock"]);
}

/// Sets the environment variable `name` to a 64-bit FNV-1a hash of every file
/// under `paths` (files or folders; names and contents, in sorted order): any
/// change to them changes the fingerprint.
fn fingerprint(name: &str, paths: &[&str]) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack: Vec<PathBuf> = Vec::new();
    for p in paths {
        println!("cargo:rerun-if-changed={p}");
        stack.push(PathBuf::from(p));
    }
    while let Some(d) = stack.pop() {
        if d.is_file() {
            files.push(d);
            continue;
        }
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                println!("cargo:rerun-if-changed={}", p.display());
                files.push(p);
            }
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        feed(f.to_string_lossy().as_bytes());
        feed(&[0]);
        feed(&fs::read(f).unwrap_or_default());
        feed(&[1]);
    }
    println!("cargo:rustc-env={name}={h:016x}");
}
