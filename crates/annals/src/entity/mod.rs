//! Entity stage: people, places and organisations.

pub mod gazetteer;
