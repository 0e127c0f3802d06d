//! HTML to text (placeholder).
