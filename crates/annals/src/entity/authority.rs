//! A user's authority file: canonical names with their aliases, which override every automatic
//! link ("Kuchik Khan" = "Heaps Khan" = "Tunb Khan", which no string measure can see).
//!
//! TOML:
//! ```toml
//! [[entity]]
//! name = "Mirza Kuchik Khan"
//! aliases = ["Kuchuk Khan", "Heaps Khan", "Tunb Khan"]
//! type = "PER"                     # PER, LOC, ORG, NORP or FAC
//! lat = 37.28                      # optional, both or neither
//! lon = 49.58
//! wikidata = "Q1382399"            # optional
//! ```
//! CSV (header required; aliases separated by `|`):
//! `name,aliases,type,lat,lon,wikidata`

use super::alias::fold;
use super::ner::EntityType;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct AuthorityEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub etype: EntityType,
    pub coordinates: Option<(f64, f64)>,
    pub wikidata: Option<String>,
    /// 1-based line of the entry in its file, for messages.
    pub line: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Authority {
    pub entries: Vec<AuthorityEntry>,
    /// Folded name or alias → entry index.
    index: HashMap<String, usize>,
}

fn err(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Format {
        path: path.to_path_buf(),
        message: format!("line {line}: {}", message.into()),
    }
}

fn parse_type(path: &Path, line: usize, s: &str) -> Result<EntityType> {
    match s.trim().to_ascii_uppercase().as_str() {
        "PER" | "PERSON" => Ok(EntityType::Per),
        "LOC" | "PLACE" | "LOCATION" => Ok(EntityType::Loc),
        "ORG" | "ORGANISATION" | "ORGANIZATION" => Ok(EntityType::Org),
        "NORP" | "GROUP" => Ok(EntityType::Group),
        "FAC" | "FACILITY" | "BUILDING" | "STREET" => Ok(EntityType::Fac),
        other => Err(err(
            path,
            line,
            format!("unknown type {other:?} (expected PER, LOC, ORG, NORP or FAC)"),
        )),
    }
}

fn check_coordinates(path: &Path, line: usize, lat: f64, lon: f64) -> Result<(f64, f64)> {
    if !(-90.0..=90.0).contains(&lat) || !lat.is_finite() {
        return Err(err(
            path,
            line,
            format!("latitude {lat} is outside -90..90"),
        ));
    }
    if !(-180.0..=180.0).contains(&lon) || !lon.is_finite() {
        return Err(err(
            path,
            line,
            format!("longitude {lon} is outside -180..180"),
        ));
    }
    Ok((lat, lon))
}

impl Authority {
    /// Read a `.toml` or `.csv` authority file (chosen by extension; anything else is tried as CSV).
    pub fn read(path: &Path) -> Result<Authority> {
        let text = std::fs::read_to_string(path).map_err(|cause| Error::Io {
            path: path.to_path_buf(),
            cause,
        })?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            Authority::from_toml(&text, path)
        } else {
            Authority::from_csv(&text, path)
        }
    }

    /// The entry that lists this (folded) name, if any.
    pub fn lookup(&self, folded: &str) -> Option<usize> {
        self.index.get(folded).copied()
    }

    fn build(entries: Vec<AuthorityEntry>, path: &Path) -> Result<Authority> {
        let mut index = HashMap::new();
        for (k, e) in entries.iter().enumerate() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let key = fold(name);
                if key.is_empty() {
                    return Err(err(path, e.line, "an empty name or alias"));
                }
                if let Some(&other) = index.get(&key) {
                    if other != k {
                        let first: &AuthorityEntry = &entries[other];
                        return Err(err(
                            path,
                            e.line,
                            format!(
                                "{name:?} is already a name of {:?} (line {})",
                                first.name, first.line
                            ),
                        ));
                    }
                }
                index.insert(key, k);
            }
        }
        Ok(Authority { entries, index })
    }

    pub fn from_toml(text: &str, path: &Path) -> Result<Authority> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            name: toml::Spanned<String>,
            #[serde(default)]
            aliases: Vec<String>,
            #[serde(rename = "type")]
            etype: String,
            lat: Option<f64>,
            lon: Option<f64>,
            wikidata: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            entity: Vec<Raw>,
        }
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(s.start)).unwrap_or(1);
            err(path, line, e.message().to_string())
        })?;
        let mut entries = Vec::new();
        for raw in file.entity {
            let line = line_of(raw.name.span().start);
            let coordinates = match (raw.lat, raw.lon) {
                (Some(lat), Some(lon)) => Some(check_coordinates(path, line, lat, lon)?),
                (None, None) => None,
                _ => return Err(err(path, line, "give both lat and lon, or neither")),
            };
            entries.push(AuthorityEntry {
                name: raw.name.into_inner(),
                aliases: raw.aliases,
                etype: parse_type(path, line, &raw.etype)?,
                coordinates,
                wikidata: raw.wikidata,
                line,
            });
        }
        Authority::build(entries, path)
    }

    pub fn from_csv(text: &str, path: &Path) -> Result<Authority> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| err(path, 1, e.to_string()))?
            .clone();
        let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(name_col), Some(type_col)) = (column("name"), column("type")) else {
            return Err(err(
                path,
                1,
                "the header must name the columns name,aliases,type,lat,lon,wikidata (name and type are required)",
            ));
        };
        let (aliases_col, lat_col, lon_col, wikidata_col) = (
            column("aliases"),
            column("lat"),
            column("lon"),
            column("wikidata"),
        );
        let mut entries = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                err(path, line, e.to_string())
            })?;
            let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
            let get = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("");
            if record.len() < headers.len() {
                return Err(err(
                    path,
                    line,
                    format!("{} columns, the header has {}", record.len(), headers.len()),
                ));
            }
            let name = get(Some(name_col)).to_string();
            if name.is_empty() {
                return Err(err(path, line, "the name is empty"));
            }
            let number = |col: Option<usize>, what: &str| -> Result<Option<f64>> {
                let s = get(col);
                if s.is_empty() {
                    return Ok(None);
                }
                s.parse::<f64>()
                    .map(Some)
                    .map_err(|_| err(path, line, format!("{what} {s:?} is not a number")))
            };
            let coordinates = match (number(lat_col, "latitude")?, number(lon_col, "longitude")?) {
                (Some(lat), Some(lon)) => Some(check_coordinates(path, line, lat, lon)?),
                (None, None) => None,
                _ => return Err(err(path, line, "give both lat and lon, or neither")),
            };
            let aliases = get(aliases_col)
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let wikidata = Some(get(wikidata_col).to_string()).filter(|w| !w.is_empty());
            entries.push(AuthorityEntry {
                name,
                aliases,
                etype: parse_type(path, line, get(Some(type_col)))?,
                coordinates,
                wikidata,
                line,
            });
        }
        Authority::build(entries, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Result<Authority> {
        Authority::from_csv(text, Path::new("a.csv"))
    }

    #[test]
    fn reads_csv_and_toml() {
        let a = csv("name,aliases,type,lat,lon,wikidata\n\
                     Mirza Kuchik Khan,Kuchuk Khan|Heaps Khan|Tunb Khan,PER,,,Q1\n\
                     Bandar-e Anzali,Enzeli|Anzali,LOC,37.47,49.46,\n")
        .unwrap();
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.lookup(&fold("Heaps Khan")), Some(0));
        assert_eq!(a.lookup(&fold("enzeli")), Some(1));
        assert_eq!(a.entries[1].coordinates, Some((37.47, 49.46)));
        let t = Authority::from_toml(
            "[[entity]]\nname = \"Rasht\"\naliases = [\"Resht\"]\ntype = \"LOC\"\n",
            Path::new("a.toml"),
        )
        .unwrap();
        assert_eq!(t.lookup("resht"), Some(0));
    }

    #[test]
    fn errors_name_the_line() {
        let missing = csv("name,aliases\nX,Y\n").unwrap_err().to_string();
        assert!(
            missing.contains("line 1") && missing.contains("type"),
            "{missing}"
        );
        let short = csv("name,aliases,type,lat,lon\nX,Y,PER\n")
            .unwrap_err()
            .to_string();
        assert!(short.contains("line 2"), "{short}");
        let dup = csv("name,aliases,type\nA,B,PER\nC,b,PER\n")
            .unwrap_err()
            .to_string();
        assert!(dup.contains("line 3") && dup.contains("line 2"), "{dup}");
        let coord = csv("name,aliases,type,lat,lon\nA,,LOC,95,10\n")
            .unwrap_err()
            .to_string();
        assert!(
            coord.contains("line 2") && coord.contains("latitude"),
            "{coord}"
        );
        let nan = csv("name,aliases,type,lat,lon\nA,,LOC,north,10\n")
            .unwrap_err()
            .to_string();
        assert!(nan.contains("not a number"), "{nan}");
        let ty = csv("name,aliases,type\nA,,CITY\n").unwrap_err().to_string();
        assert!(ty.contains("unknown type"), "{ty}");
        let toml_err = Authority::from_toml(
            "[[entity]]\nname = \"A\"\ntype = \"LOC\"\nlat = 100.0\nlon = 1.0\n",
            Path::new("a.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(toml_err.contains("line 2"), "{toml_err}");
        let syntax = Authority::from_toml("[[entity]\nname = 1\n", Path::new("a.toml"))
            .unwrap_err()
            .to_string();
        assert!(syntax.contains("line 1"), "{syntax}");
    }
}
