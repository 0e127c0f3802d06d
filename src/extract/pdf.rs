//! PDF interpreter (placeholder until the extractor lands).
use super::Document;
use crate::error::{Error, Result};
use std::path::Path;
pub(super) fn extract(_bytes: &[u8], origin: &Path) -> Result<Document> {
    Err(Error::Pdf {
        path: origin.to_path_buf(),
        message: "PDF extraction not built yet".into(),
    })
}
