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
//! - [`app`]: the commands (`index`, `match`, `batch`, `extract`, `roles`) on plain
//!   configuration structs from [`config`]. The binary's `cli` module turns
//!   command-line flags into those structs; the library never sees clap.

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
