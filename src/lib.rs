//! cvmatch: match CVs against role descriptions and NHS-style person
//! specifications, and explain every score.
//!
//! The pipeline, module by module (see `ARCHITECTURE.md` for the map):
//!
//! - [`roles`]: the role model and its loaders (TOML role files, schema.org
//!   `JobPosting` JSON / JSON-LD / JSON Lines).
//! - [`text`]: the one analyser shared by the index and the matcher (tokeniser,
//!   stop words, English stemmer, skills taxonomy).
//! - [`index`]: the tantivy index of roles, built atomically.
//! - [`extract`]: CV files (PDF through our own lopdf-based interpreter, or plain
//!   text) to text with layout.
//! - [`cv`]: what a CV says: sections, skills, degrees, years of experience,
//!   registrations.
//! - [`limits`]: the bounds on the work done for one CV, and its deadline.
//! - [`score`]: relevance, skills, criteria and title fit combined into a 0-100
//!   score with a criterion-by-criterion explanation.
//! - [`report`]: table, JSON, JSON Lines, CSV and HTML output; [`blind`]: the
//!   `candidate-NNN` names of blind mode.
//! - [`engine`]: the library's entry point, [`Engine`]: an index of roles and
//!   the knowledge matching reads, matching CVs from paths, bytes or a batch.
//! - [`app`]: the commands (`index`, `match`, `batch`, `extract`, `roles`) on plain
//!   configuration structs from [`config`], built on the engine. The binary's
//!   `cli` module turns command-line flags into those structs; the library never
//!   sees clap.
//!
//! # Using the library
//!
//! Open an [`Engine`] on an index directory built by `cvmatch index`
//! ([`Engine::open`]) or on the sample roles built into the library
//! ([`Engine::samples`]), with [`EngineOptions`] (top K, limits and time per
//! CV, weights, role filter, named roles, blind mode). Then match a CV from a
//! path ([`Engine::match_path`]), from bytes whose file name gives the format
//! ([`Engine::match_bytes`]), or many with the [`Engine::batch`] iterator,
//! which yields one [`BatchItem`] per path in input order: a CV that cannot be
//! read is an item with its [`Error`], and the batch goes on. The engine never
//! prints; warnings are values ([`Engine::warnings`], [`CvMatch::warnings`]).
//!
//! ```
//! use cvmatch::{Engine, EngineOptions};
//!
//! let engine = Engine::samples(EngineOptions::default().with_top(3))?;
//! let cv = "Jane Doe\n\nExperience\n\
//!           Data Scientist, NHS Trust, 2019 - present\n\
//!           Built machine learning models in Python and SQL on patient records.\n\n\
//!           Education\nMSc Data Science, 2018\n";
//! let found = engine.match_bytes(cv.as_bytes(), "jane-doe.txt")?;
//! assert_eq!(found.matches.len(), 3);
//! for m in &found.matches {
//!     println!("{:5.1} {} ({}/{} essentials)", m.score, m.title, m.essentials_met, m.essentials_total);
//!     // Each criterion comes with the CV line that is its evidence.
//!     if let Some(c) = m.criteria.iter().find(|c| c.evidence.is_some()) {
//!         println!("      {}: {}", c.text, c.evidence.as_deref().unwrap_or_default());
//!     }
//! }
//! # Ok::<(), cvmatch::Error>(())
//! ```
//!
//! `examples/match_one.rs` and `examples/batch.rs` are complete programs.
//! Schema.org `JobPosting` adverts read into [`roles::Role`]s with
//! [`roles::jsonld`]; [`Engine::from_roles`] matches against roles made in
//! code.

#![warn(missing_docs)]

pub mod app;
pub mod blind;
pub mod config;
pub mod cv;
pub mod engine;
pub mod error;
pub mod eval;
pub mod extract;
pub mod index;
pub mod knowledge;
pub mod limits;
pub mod report;
pub mod roles;
pub mod score;
pub mod text;

pub use config::EngineOptions;
pub use engine::{Batch, BatchItem, CvMatch, Engine};
pub use error::{Error, Result};

/// Version of the JSON output format, written on every JSON line.
pub const OUTPUT_VERSION: &str = "1";
