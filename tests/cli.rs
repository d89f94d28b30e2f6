//! End-to-end tests of the command line: each `tests/cmd/*.toml` runs `nkrr-onboard` with its
//! arguments and compares stdout, stderr and the exit code with the files beside it.
//! `TRYCMD=overwrite cargo test --test cli` rewrites the expected files after a deliberate change.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
