//! Person specification text parser (placeholder).
