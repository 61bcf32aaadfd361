//! Entity stage: people, places and organisations.

pub mod alias;
pub mod authority;
mod document_names;
pub mod gazetteer;
pub mod gum;
pub mod mentions;
pub mod ner;
pub mod titles;
