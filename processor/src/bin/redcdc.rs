//! `redcdc`: the operator's CLI ([`processor::cli`]).

fn main() -> std::process::ExitCode {
    processor::cli::run_from(std::env::args_os())
}
