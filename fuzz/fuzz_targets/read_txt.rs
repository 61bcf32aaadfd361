//! Any bytes → read as Text (`.txt`, lossily) → written back as TimeML with the gold tags
//! (the shared check is in common/reader.rs).

#![no_main]

#[path = "common/reader.rs"]
mod reader;

use annals::document::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    reader::read_and_write_back(data, "f.txt", SourceFormat::Text);
});
