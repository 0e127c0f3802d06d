//! Regenerates `src/text/background.tsv.gz`, the built-in background document
//! frequencies, from the public occupation data in `../shared/taxonomy` (or the
//! folder given as the first argument). Run it after changing the analyser:
//!
//! ```sh
//! cargo run --release --example gen_background [TAXONOMY_DIR]
//! ```
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/taxonomy"));
    let b = cvmatch::text::background::Background::from_taxonomy(&dir)?;
    let out = root.join("src/text/background.tsv.gz");
    let bytes = b.to_tsv_gz();
    std::fs::write(&out, &bytes)?;
    println!(
        "{}: {} documents, {} terms, {} bytes",
        out.display(),
        b.docs(),
        b.terms(),
        bytes.len()
    );
    Ok(())
}
