//! Postgres-only golden cases against real servers: Debezium's own peer type suite,
//! transaction metadata, TOAST and dropped columns, column defaults. The cases every source has
//! (types and DML, fidelity, `message.key.columns`) run in the matrix (`tests/matrix.rs`).

use db_matrix::golden::{self, Case};
use db_matrix::postgres::Postgres;

fn scenario_plain(profile: &str, workload: &str, golden: &str) {
    scenario(profile, workload, golden, "", &[]);
}

fn scenario(
    profile: &str,
    workload: &str,
    golden: &str,
    extra_properties: &str,
    volatile_columns: &[&str],
) {
    golden::run(
        &Postgres::start(),
        &Case {
            profile,
            workload,
            golden,
            extra_properties,
            volatile_columns,
        },
    );
}

#[test]
fn peer_types_server_profile_matches_debezium() {
    scenario_plain("server", "workload/pg/peer", "envelopes/pg/peer/server");
}

#[test]
fn peer_types_rdi_profile_matches_debezium() {
    scenario_plain("rdi", "workload/pg/peer", "envelopes/pg/peer/rdi");
}

#[test]
fn transaction_metadata_server_profile_matches_debezium() {
    scenario(
        "server",
        "envelopes/pg/extra/txmeta/workload",
        "envelopes/pg/extra/txmeta/server",
        "debezium.source.provide.transaction.metadata=true\n",
        &[],
    );
}

#[test]
fn transaction_metadata_rdi_profile_matches_debezium() {
    scenario(
        "rdi",
        "envelopes/pg/extra/txmeta/workload",
        "envelopes/pg/extra/txmeta/rdi",
        "debezium.source.provide.transaction.metadata=true\n",
        &[],
    );
}

#[test]
fn toast_and_drop_column_match_debezium() {
    scenario(
        "server",
        "envelopes/pg/extra/toast_dropcol/workload",
        "envelopes/pg/extra/toast_dropcol/server",
        "",
        &[],
    );
    scenario(
        "rdi",
        "envelopes/pg/extra/toast_dropcol/workload",
        "envelopes/pg/extra/toast_dropcol/rdi",
        "",
        &[],
    );
}

#[test]
fn column_defaults_match_debezium() {
    scenario(
        "server",
        "envelopes/pg/extra/defaults/workload",
        "envelopes/pg/extra/defaults/server",
        "",
        &["e", "j"],
    );
    scenario(
        "rdi",
        "envelopes/pg/extra/defaults/workload",
        "envelopes/pg/extra/defaults/rdi",
        "",
        &["e", "j"],
    );
}
