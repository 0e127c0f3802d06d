//! PDF interpreter (placeholder until the extractor lands).
use std::path::Path;
use crate::error::{Error, Result};
use super::Document;
pub(super) fn extract(_bytes: &[u8], origin: &Path) -> Result<Document> {
    Err(Error::Pdf { path: origin.to_path_buf(), message: "PDF extraction not built yet".into() })
}
