//! All integration tests in one binary (faster to build and link than one binary per file).

mod calendars;
mod entities_gilan;
mod eval_scores;
mod event_signals;
mod fuzz_regressions;
mod gates;
mod gazetteer;
mod io_timeml;
mod ner_gum;
mod pos_tagger;
mod text_segment;
mod time_table;
mod timeline_basic;
mod timeline_gilan;
mod timeline_story;
