//! Tests against the sample corpus (filled in when it lands).
