//! Users' corrections: merging or splitting alias clusters, fixing an entry's date, dropping an
//! entry. They are stored apart from the extracted rows (table `corrections`), so re-ingesting a
//! document never loses them:
//!
//! - merges and splits become an authority file (the same format as `annals entities
//!   --authority`), which every analysis uses; each document's analysis stamp records the
//!   authority entries whose spellings occur in it (`store::Stamper`), so a merge makes the
//!   server, and the next ingest, re-analyse just the documents that mention its names;
//! - date fixes and drops are applied when timelines are assembled, by entry key (document path
//!   and the span of the entry's head word, stable across re-ingests of an unchanged text).

use anyhow::{bail, Context, Result};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A correction as the API receives it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Correction {
    /// Join entity clusters (ids `TYPE:name`) under one name.
    Merge {
        entities: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Filled in when stored: the spellings each cluster had then, so the merge can be
        /// replayed whatever later ingests find.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
    },
    /// Take one spelling out of a cluster: it becomes an entity of its own.
    Split {
        entity: String,
        alias: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
    },
    /// Give an entry another date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date { entry: String, value: String },
    /// Remove an entry from the timeline.
    Drop { entry: String },
}

/// A correction naming an entity or entry the corpus does not have (HTTP 404, where a malformed
/// correction is a 400).
#[derive(Debug)]
pub struct Missing(pub String);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Missing {}

/// `TYPE:name` → (type, name).
pub fn parse_entity_id(id: &str) -> Result<(&str, &str)> {
    match id.split_once(':') {
        Some((t @ ("PER" | "LOC" | "ORG" | "NORP" | "FAC"), name)) if !name.trim().is_empty() => {
            Ok((t, name))
        }
        _ => bail!("{id:?} is not an entity id (TYPE:name with TYPE PER, LOC, ORG, NORP or FAC)"),
    }
}

/// The spellings a cluster has in the store now.
fn spellings(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let (t, name) = parse_entity_id(id)?;
    let mut out: Vec<String> = conn
        .prepare("SELECT DISTINCT text FROM mentions WHERE type = ?1 AND name = ?2 ORDER BY text")?
        .query_map(params![t, name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if out.is_empty() {
        return Err(Missing(format!("no entity {id:?} in the corpus")).into());
    }
    if !out.iter().any(|s| s == name) {
        out.push(name.to_string());
    }
    Ok(out)
}

/// Check a correction against the store and complete it (aliases of merged clusters).
pub fn prepare(conn: &Connection, c: Correction) -> Result<Correction> {
    Ok(match c {
        Correction::Merge { entities, name, .. } => {
            if entities.len() < 2 {
                bail!("a merge needs at least two entities");
            }
            let types: BTreeSet<&str> = entities
                .iter()
                .map(|e| parse_entity_id(e).map(|(t, _)| t))
                .collect::<Result<_>>()?;
            if types.len() > 1 {
                bail!("entities of different types cannot be merged");
            }
            let mut aliases = BTreeSet::new();
            for e in &entities {
                aliases.extend(spellings(conn, e)?);
            }
            Correction::Merge {
                entities,
                name,
                aliases: aliases.into_iter().collect(),
            }
        }
        Correction::Split { entity, alias, .. } => {
            let aliases = spellings(conn, &entity)?;
            if !aliases.contains(&alias) {
                bail!("{entity:?} has no spelling {alias:?}");
            }
            if aliases.len() < 2 {
                bail!("{entity:?} has a single spelling: nothing to split");
            }
            Correction::Split {
                entity,
                alias,
                aliases,
            }
        }
        Correction::Date { entry, value } => {
            annals::timeline::interval::parse_bound(&value).map_err(|e| anyhow::anyhow!("{e}"))?;
            check_entry(conn, &entry)?;
            Correction::Date { entry, value }
        }
        Correction::Drop { entry } => {
            check_entry(conn, &entry)?;
            Correction::Drop { entry }
        }
    })
}

fn check_entry(conn: &Connection, key: &str) -> Result<()> {
    let n: i64 = conn.query_row("SELECT count(*) FROM entries WHERE key = ?1", [key], |r| {
        r.get(0)
    })?;
    if n == 0 {
        return Err(Missing(format!("no entry {key:?} in the corpus")).into());
    }
    Ok(())
}

pub fn add(conn: &Connection, c: &Correction) -> Result<i64> {
    let kind = match c {
        Correction::Merge { .. } => "merge",
        Correction::Split { .. } => "split",
        Correction::Date { .. } => "date",
        Correction::Drop { .. } => "drop",
    };
    conn.execute(
        "INSERT INTO corrections(kind, body, created) VALUES (?1, ?2, datetime('now'))",
        params![kind, serde_json::to_string(c)?],
    )?;
    let id = conn.last_insert_rowid();
    crate::store::bump_generation(conn)?;
    Ok(id)
}

/// Every correction in the order made: (id, correction, created).
pub fn list(conn: &Connection) -> Result<Vec<(i64, Correction, String)>> {
    let mut stmt = conn.prepare("SELECT id, body, created FROM corrections ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, body, created) = row?;
        let c = serde_json::from_str(&body).with_context(|| format!("correction {id}"))?;
        out.push((id, c, created));
    }
    Ok(out)
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    let n = conn.execute("DELETE FROM corrections WHERE id = ?1", [id])?;
    if n > 0 {
        crate::store::bump_generation(conn)?;
    }
    Ok(n > 0)
}

/// One entity of the authority the merges and splits add up to.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    name: String,
    etype: String,
    aliases: BTreeSet<String>,
}

/// The merges and splits, replayed in order, as an authority TOML file (`None` when there are
/// none): the file `annals entities --authority` reads, and what every analysis uses.
pub fn authority_toml(corrections: &[(i64, Correction, String)]) -> Option<String> {
    let mut groups: Vec<Group> = Vec::new();
    for (_, c, _) in corrections {
        match c {
            Correction::Merge {
                entities,
                name,
                aliases,
            } => {
                let Ok((etype, first)) = parse_entity_id(&entities[0]) else {
                    continue;
                };
                let mut merged = Group {
                    name: name.clone().unwrap_or_else(|| first.to_string()),
                    etype: etype.to_string(),
                    aliases: aliases.iter().cloned().collect(),
                };
                // Earlier groups that share a spelling are absorbed: merging is transitive.
                groups.retain(|g| {
                    let overlaps = g.etype == merged.etype
                        && (g.aliases.iter().any(|a| merged.aliases.contains(a))
                            || merged.aliases.contains(&g.name));
                    if overlaps {
                        merged.aliases.extend(g.aliases.iter().cloned());
                    }
                    !overlaps
                });
                merged.aliases.insert(merged.name.clone());
                groups.push(merged);
            }
            Correction::Split {
                entity,
                alias,
                aliases,
            } => {
                let Ok((etype, name)) = parse_entity_id(entity) else {
                    continue;
                };
                let mut rest: BTreeSet<String> = aliases.iter().cloned().collect();
                let mut canonical = name.to_string();
                if let Some(g) = groups
                    .iter()
                    .position(|g| g.etype == etype && (g.name == name || g.aliases.contains(name)))
                {
                    let g = groups.remove(g);
                    rest.extend(g.aliases);
                    canonical = g.name;
                }
                rest.remove(alias);
                if canonical == *alias {
                    canonical = rest.iter().next().cloned().unwrap_or_default();
                }
                rest.insert(canonical.clone());
                groups.push(Group {
                    name: canonical,
                    etype: etype.to_string(),
                    aliases: rest,
                });
                groups.push(Group {
                    name: alias.clone(),
                    etype: etype.to_string(),
                    aliases: [alias.clone()].into(),
                });
            }
            Correction::Date { .. } | Correction::Drop { .. } => {}
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut out = String::from(
        "# Corrections made in `annals serve`, as an authority file (annals entities --authority).\n",
    );
    for g in &groups {
        let aliases: Vec<String> = g
            .aliases
            .iter()
            .filter(|a| **a != g.name)
            .map(|a| toml_string(a))
            .collect();
        out.push_str(&format!(
            "\n[[entity]]\nname = {}\naliases = [{}]\ntype = \"{}\"\n",
            toml_string(&g.name),
            aliases.join(", "),
            g.etype
        ));
    }
    Some(out)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(a: &[&str], aliases: &[&str]) -> Correction {
        Correction::Merge {
            entities: a.iter().map(|s| s.to_string()).collect(),
            name: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn merges_are_transitive_and_splits_take_a_spelling_out() {
        let cs = vec![
            (
                1,
                merge(
                    &["PER:Kuchik Khan", "PER:Heaps Khan"],
                    &["Kuchik Khan", "Heaps Khan"],
                ),
                String::new(),
            ),
            (
                2,
                merge(
                    &["PER:Kuchik Khan", "PER:Tunb Khan"],
                    &["Kuchik Khan", "Tunb Khan"],
                ),
                String::new(),
            ),
        ];
        let toml = authority_toml(&cs).unwrap();
        let parsed: toml::Table = toml.parse().unwrap();
        let entities = parsed["entity"].as_array().unwrap();
        assert_eq!(entities.len(), 1, "{toml}");
        assert_eq!(entities[0]["name"].as_str(), Some("Kuchik Khan"));
        assert_eq!(
            entities[0]["aliases"].as_array().unwrap().len(),
            2,
            "{toml}"
        );

        let mut cs = cs;
        cs.push((
            3,
            Correction::Split {
                entity: "PER:Kuchik Khan".into(),
                alias: "Tunb Khan".into(),
                aliases: vec!["Kuchik Khan".into(), "Tunb Khan".into()],
            },
            String::new(),
        ));
        let toml = authority_toml(&cs).unwrap();
        let parsed: toml::Table = toml.parse().unwrap();
        let names: Vec<&str> = parsed["entity"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Kuchik Khan", "Tunb Khan"], "{toml}");
        assert!(
            !toml.contains("aliases = [\"Heaps Khan\", \"Tunb Khan\"]"),
            "{toml}"
        );
    }

    #[test]
    fn names_with_quotes_are_valid_toml() {
        let cs = vec![(
            1,
            merge(&["ORG:A \"B\"", "ORG:C"], &["A \"B\"", "C"]),
            String::new(),
        )];
        let toml = authority_toml(&cs).unwrap();
        assert!(toml.parse::<toml::Table>().is_ok(), "{toml}");
    }

    #[test]
    fn entity_ids_need_a_type() {
        assert!(parse_entity_id("PER:Trotsky").is_ok());
        assert!(parse_entity_id("Trotsky").is_err());
        assert!(parse_entity_id("XYZ:Trotsky").is_err());
    }
}
