//! `nkrr-onboard`: onboardings of vårdgivare to NKRR as validated YAML, and the orders they
//! amount to.
//!
//! The pipeline, one module per stage:
//! [`source`] (files) → [`yaml`] (tree with positions) → [`schema`] (JSON Schema) →
//! [`model`] (typed onboarding) → [`rules`] (semantic checks, also across files) →
//! [`diag`] (findings and their rendering). [`check`] runs the pipeline over a set of files;
//! [`git`] reads them from any git revision, and [`diff`] reviews a change between two.
//! [`plan`] computes what remains to order (checklist Figur 1) and the TAK order; [`export`]
//! renders it for the portal, NKRR and TAK.

pub mod catalog;
pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod export;
pub mod fsutil;
pub mod git;
pub mod model;
pub mod personnummer;
pub mod plan;
pub mod rules;
pub mod schema;
pub mod source;
pub mod span;
pub mod test_identities;
pub mod yaml;
