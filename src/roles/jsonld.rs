//! schema.org JobPosting loader (placeholder).
use super::Role;
use crate::error::{Error, Result};
use std::path::Path;
pub(super) fn parse_document(_text: &str, path: &Path) -> Result<Vec<Role>> {
    Err(Error::invalid(path, "JSON roles not supported yet"))
}
pub(super) fn parse_lines(_text: &str, path: &Path) -> Result<Vec<Role>> {
    Err(Error::invalid(path, "JSON Lines roles not supported yet"))
}
