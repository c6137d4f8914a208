//! redcdc collector (placeholder, being written)
pub mod source;
