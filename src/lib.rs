//! `nkrr-onboard`: onboardings of vårdgivare to NKRR as validated YAML, and the orders they
//! amount to.
//!
//! The pipeline, one module per stage:
//! [`source`] (files) → [`yaml`] (tree with positions) → [`schema`] (JSON Schema) →
//! [`model`] (typed onboarding) → [`rules`] (semantic checks, also across files) →
//! [`diag`] (findings and their rendering). [`check`] runs the pipeline over a set of files.

pub mod catalog;
pub mod check;
pub mod cli;
pub mod diag;
pub mod fsutil;
pub mod model;
pub mod personnummer;
pub mod progress;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod span;
pub mod test_identities;
pub mod yaml;
