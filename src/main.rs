//! The `nkrr-onboard` command. All the work is in the library; see `cli`.

fn main() -> std::process::ExitCode {
    nkrr_onboard::cli::main()
}
