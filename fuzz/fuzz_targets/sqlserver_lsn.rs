//! SQL Server LSNs from `binary(10)` and from Debezium's text: no panic, round trips hold.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| collector::fuzz::sqlserver_lsn(data));
