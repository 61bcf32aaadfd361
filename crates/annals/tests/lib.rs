//! All integration tests in one binary (faster to build and link than one binary per file).

mod io_timeml;
mod eval_scores;
mod text_segment;
mod time_table;
mod gates;
mod timeline_basic;
