//! Entity stage: people, places, organisations, groups and facilities.

pub mod alias;
pub mod authority;
mod document_names;
mod facilities;
pub mod gazetteer;
pub mod gum;
pub mod mentions;
mod name_forms;
pub mod ner;
pub mod titles;
