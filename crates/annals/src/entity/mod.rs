//! Entity stage: people, places and organisations.

pub mod gazetteer;
pub mod gum;
pub mod ner;
