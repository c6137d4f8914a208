//! SQL Server driver values through the value layer, any type and mode: no panic, valid JSON.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| collector::fuzz::sqlserver_value(data));
