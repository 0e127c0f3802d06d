//! Embeds the sample roles (`samples/roles`) into the binary, so that an installed
//! `cvmatch` can match against them from any folder.

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
}
