//! Alias clusters: which mentions in a document name the same person, place or organisation.
//!
//! Links, strongest first (each carries a confidence; a cluster's confidence is its weakest link):
//! - an authority file entry that lists both names (1.0);
//! - the same gazetteer place (0.95);
//! - the same name after folding case, diacritics and script (0.95);
//! - one name contained in the other, sharing the surname ("Heaps Khan" in "Mirza Heaps Khan",
//!   "Raskolnikov" in "Fyodor Raskolnikov") (0.85);
//! - the same consonant skeleton, the usual shape of two transliterations ("Enzeli"/"Anzali",
//!   "Kuchuk"/"Kuchik") (0.7);
//! - an adjectival form of a place ("Gilyanska" → Gilan, "Anzelika" → Anzali) (0.5).

use super::authority::Authority;
use super::ner::EntityType;
use crate::document::Span;
use serde::Serialize;

/// One mention to cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub etype: EntityType,
    /// Gazetteer place id, when the mention was resolved to a place.
    pub place: Option<u32>,
}

/// Why two mentions were put together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Authority,
    SamePlace,
    SameName,
    Contained,
    Transliteration,
    Adjectival,
}

impl LinkKind {
    pub fn confidence(self) -> f32 {
        match self {
            LinkKind::Authority => 1.0,
            LinkKind::SamePlace | LinkKind::SameName => 0.95,
            LinkKind::Contained => 0.85,
            LinkKind::Transliteration => 0.7,
            LinkKind::Adjectival => 0.5,
        }
    }
}

/// A group of mentions of one entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// The name to show: the authority's, else the longest mention.
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Indices into the mentions given to [`cluster`], in text order.
    pub mentions: Vec<usize>,
    /// The weakest link that joined the cluster (1.0 for a single mention).
    pub confidence: f32,
    /// The kinds of link used.
    pub links: Vec<LinkKind>,
    /// The authority entry that named it, if any.
    pub authority: Option<usize>,
    pub place: Option<u32>,
}

/// Words that do not identify a person on their own: titles ([`super::titles`]), honorifics
/// after a name, and "Saint" ("St. Julien" and "Julien" may be one man).
fn is_title(token: &str) -> bool {
    super::titles::is_title_word(token)
        || super::titles::is_after_name(token)
        || matches!(token, "saint" | "st")
}

/// Lowercase ASCII transliteration with punctuation as spaces: "Bandar-e Anzalī" → "bandar e anzali".
pub fn fold(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The consonants of a folded word with common transliteration variants merged: "enzeli" and
/// "anzali" both give "nzl", "kuchuk" and "kuchik" both "kk".
pub fn skeleton(word: &str) -> String {
    let w = word
        .replace("kh", "k")
        .replace("ch", "k")
        .replace("sh", "s")
        .replace("zh", "z")
        .replace("ph", "f")
        .replace("ck", "k")
        .replace("dj", "j");
    let mut out = String::new();
    let mut prev = None;
    for c in w.chars() {
        // Doubled letters are one sound ("Ossetia"/"Osetia"); consonants only count once each
        // where they were adjacent, so "kukuk" keeps three k's.
        if prev == Some(c) {
            continue;
        }
        prev = Some(c);
        match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' => {}
            'c' | 'q' | 'g' | 'x' => out.push('k'),
            'w' => out.push('v'),
            other => out.push(other),
        }
    }
    out
}

/// Suffixes that turn a place name into an adjective in translated text.
const ADJECTIVAL: &[&str] = &[
    "skaya", "skiy", "skii", "skoe", "sky", "ska", "ski", "ika", "ian", "ese", "ish", "ic",
];

fn adjectival_stem(folded: &str) -> Option<&str> {
    ADJECTIVAL
        .iter()
        .find_map(|s| folded.strip_suffix(s))
        .filter(|stem| stem.len() >= 3)
}

fn name_tokens(folded: &str) -> Vec<&str> {
    folded.split(' ').filter(|t| !t.is_empty()).collect()
}

fn identifying(tokens: &[&str]) -> Vec<String> {
    tokens
        .iter()
        .filter(|t| !is_title(t))
        .map(|t| t.to_string())
        .collect()
}

struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut j = i;
        while self.parent[j] != r {
            let next = self.parent[j];
            self.parent[j] = r;
            j = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        self.parent[ra.max(rb)] = ra.min(rb);
        true
    }
}

/// Whether the identifying words of `short` all occur in `long` and they share the last one (the
/// surname or the name proper).
fn contained(short: &[String], long: &[String]) -> bool {
    !short.is_empty()
        && short.len() < long.len() + usize::from(short.len() == long.len())
        && short.last() == long.last()
        && short.iter().all(|t| long.contains(t))
}

/// Group `mentions` into clusters; `authority` entries override every other link.
///
/// Repeated names (same folded text, type and place) are clustered once: the pairwise comparison
/// runs over distinct names, so a long document with thousands of mentions stays fast.
pub fn cluster(mentions: &[Mention], authority: Option<&Authority>) -> Vec<Cluster> {
    let mut index: std::collections::HashMap<(String, EntityType, Option<u32>), usize> =
        std::collections::HashMap::new();
    let mut distinct: Vec<Mention> = Vec::new();
    let mut group: Vec<Vec<usize>> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let key = (fold(&m.text), m.etype, m.place);
        let k = *index.entry(key).or_insert_with(|| {
            distinct.push(m.clone());
            group.push(Vec::new());
            distinct.len() - 1
        });
        group[k].push(i);
    }
    let mut clusters = cluster_distinct(&distinct, authority);
    for c in &mut clusters {
        let repeated = c.mentions.iter().any(|&k| group[k].len() > 1);
        let mut all: Vec<usize> = c.mentions.iter().flat_map(|&k| group[k].clone()).collect();
        all.sort_unstable();
        c.mentions = all;
        if repeated {
            let kind = if c.place.is_some() {
                LinkKind::SamePlace
            } else {
                LinkKind::SameName
            };
            c.confidence = c.confidence.min(kind.confidence());
            if !c.links.contains(&kind) {
                c.links.push(kind);
            }
        }
    }
    clusters.sort_by_key(|c| c.mentions.first().copied());
    clusters
}

fn cluster_distinct(mentions: &[Mention], authority: Option<&Authority>) -> Vec<Cluster> {
    let n = mentions.len();
    let mut sets = Sets {
        parent: (0..n).collect(),
    };
    let mut links: Vec<(usize, usize, LinkKind)> = Vec::new();
    let folded: Vec<String> = mentions.iter().map(|m| fold(&m.text)).collect();
    let tokens: Vec<Vec<String>> = folded
        .iter()
        .map(|f| identifying(&name_tokens(f)))
        .collect();
    let authority_of: Vec<Option<usize>> = folded
        .iter()
        .map(|f| authority.and_then(|a| a.lookup(f)))
        .collect();

    let compatible = |a: &Mention, b: &Mention| a.etype == b.etype;
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (&mentions[i], &mentions[j]);
            let kind = if authority_of[i].is_some() || authority_of[j].is_some() {
                // The authority decides for the names it knows: same entry joins, else nothing.
                (authority_of[i] == authority_of[j]).then_some(LinkKind::Authority)
            } else if a.place.is_some() && a.place == b.place {
                Some(LinkKind::SamePlace)
            } else if a.place.is_some() && b.place.is_some() {
                // Two different known places ("Northern Iran", "Iran") stay apart.
                None
            } else if !compatible(a, b) {
                None
            } else if folded[i] == folded[j] {
                Some(LinkKind::SameName)
            } else if contained(&tokens[i], &tokens[j]) || contained(&tokens[j], &tokens[i]) {
                Some(LinkKind::Contained)
            } else if transliterations(&tokens[i], &tokens[j]) {
                Some(LinkKind::Transliteration)
            } else {
                None
            };
            if let Some(kind) = kind {
                links.push((i, j, kind));
            }
        }
    }
    // Adjectival forms attach to a place already mentioned by name, never to each other.
    for i in 0..n {
        let Some(stem) = adjectival_stem(&folded[i]) else {
            continue;
        };
        let stem_key = skeleton(stem);
        if stem_key.len() < 2 {
            continue;
        }
        if let Some(j) = (0..n).find(|&j| {
            j != i
                && mentions[j].etype == EntityType::Loc
                && adjectival_stem(&folded[j]).is_none()
                && tokens[j].len() == 1
                && skeleton(&tokens[j][0]) == stem_key
        }) {
            links.push((i.min(j), i.max(j), LinkKind::Adjectival));
        }
    }
    // Strong links first, so a cluster's confidence reflects the links that were needed.
    links.sort_by(|x, y| {
        y.2.confidence()
            .partial_cmp(&x.2.confidence())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut used: Vec<(usize, usize, LinkKind)> = Vec::new();
    for (i, j, kind) in links {
        if sets.union(i, j) {
            used.push((i, j, kind));
        }
    }

    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index_of_root = vec![usize::MAX; n];
    for (i, mention) in mentions.iter().enumerate() {
        let root = sets.find(i);
        if index_of_root[root] == usize::MAX {
            index_of_root[root] = clusters.len();
            clusters.push(Cluster {
                canonical: String::new(),
                etype: mention.etype,
                mentions: Vec::new(),
                confidence: 1.0,
                links: Vec::new(),
                authority: None,
                place: None,
            });
        }
        clusters[index_of_root[root]].mentions.push(i);
    }
    for (i, _, kind) in used {
        let c = &mut clusters[index_of_root[sets.find(i)]];
        c.confidence = c.confidence.min(kind.confidence());
        if !c.links.contains(&kind) {
            c.links.push(kind);
        }
    }
    for c in &mut clusters {
        c.authority = c.mentions.iter().find_map(|&i| authority_of[i]);
        c.place = c.mentions.iter().find_map(|&i| mentions[i].place);
        // The type most mentions agree on; the first mention breaks ties.
        c.etype = majority_type(c.mentions.iter().map(|&i| mentions[i].etype));
        c.canonical = match (c.authority, authority) {
            (Some(k), Some(a)) => a.entries[k].name.clone(),
            _ => c
                .mentions
                .iter()
                .map(|&i| &mentions[i])
                .filter(|m| adjectival_stem(&fold(&m.text)).is_none() || c.mentions.len() == 1)
                .max_by_key(|m| (tokens_len(&m.text), m.text.len()))
                .map(|m| m.text.clone())
                .unwrap_or_else(|| mentions[c.mentions[0]].text.clone()),
        };
    }
    clusters
}

fn tokens_len(s: &str) -> usize {
    s.split_whitespace().count()
}

fn majority_type(types: impl Iterator<Item = EntityType>) -> EntityType {
    let all: Vec<EntityType> = types.collect();
    let count = |t: EntityType| all.iter().filter(|x| **x == t).count();
    let first = all.first().copied().unwrap_or(EntityType::Per);
    EntityType::EVERY
        .into_iter()
        .max_by_key(|t| (count(*t), *t == first))
        .unwrap_or(first)
}

/// Same number of identifying words, each pair with the same consonant skeleton and similar
/// enough on the surface (Jaro-Winkler), so that "Enzeli"/"Anzali" join but "Baku"/"Bekkı" do not
/// by skeleton alone.
fn transliterations(a: &[String], b: &[String]) -> bool {
    !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            let (sx, sy) = (skeleton(x), skeleton(y));
            sx.len() >= 2
                && sx == sy
                && x.len().abs_diff(y.len()) <= 2
                && strsim::jaro_winkler(x, y) >= 0.6
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, etype: EntityType) -> Mention {
        Mention {
            span: Span::new(0, text.len()),
            text: text.to_string(),
            etype,
            place: None,
        }
    }

    fn together(clusters: &[Cluster], a: usize, b: usize) -> bool {
        clusters
            .iter()
            .any(|c| c.mentions.contains(&a) && c.mentions.contains(&b))
    }

    #[test]
    fn surnames_and_contained_names() {
        let ms = vec![
            m("Mirza Heaps Khan", EntityType::Per),
            m("Heaps Khan", EntityType::Per),
            m("Fyodor Raskolnikov", EntityType::Per),
            m("Raskolnikov", EntityType::Per),
            m("Ehsanullah Khan", EntityType::Per),
            m("Leon Trotsky", EntityType::Per),
        ];
        let c = cluster(&ms, None);
        assert!(together(&c, 0, 1));
        assert!(together(&c, 2, 3));
        // "Khan" alone is an honorific: it does not join different people.
        assert!(!together(&c, 1, 4));
        assert!(!together(&c, 0, 4));
        assert!(!together(&c, 3, 5));
        let heaps = c.iter().find(|c| c.mentions.contains(&0)).unwrap();
        assert_eq!(heaps.canonical, "Mirza Heaps Khan");
    }

    #[test]
    fn transliterations_and_adjectives() {
        let ms = vec![
            m("Enzeli", EntityType::Loc),
            m("Anzali", EntityType::Loc),
            m("Gilan", EntityType::Loc),
            m("Gilyanska", EntityType::Loc),
            m("Anzelika", EntityType::Loc),
            m("Baku", EntityType::Loc),
            m("Kuchuk Khan", EntityType::Per),
            m("Kuchik Khan", EntityType::Per),
        ];
        let c = cluster(&ms, None);
        assert!(together(&c, 0, 1));
        assert!(together(&c, 2, 3));
        assert!(together(&c, 1, 4));
        assert!(!together(&c, 0, 5));
        assert!(together(&c, 6, 7));
        let gilan = c.iter().find(|c| c.mentions.contains(&2)).unwrap();
        assert_eq!(gilan.canonical, "Gilan");
        assert_eq!(gilan.confidence, LinkKind::Adjectival.confidence());
    }

    #[test]
    fn same_place_joins_across_spellings_and_types_stay_apart() {
        let mut a = m("Resht", EntityType::Loc);
        a.place = Some(7);
        let mut b = m("Rasht", EntityType::Loc);
        b.place = Some(7);
        let c = cluster(&[a, b, m("Rasht", EntityType::Per)], None);
        assert!(together(&c, 0, 1));
        assert!(!together(&c, 1, 2));
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Bandar-e Anzalī"), "bandar e anzali");
        assert_eq!(skeleton("enzeli"), skeleton("anzali"));
        assert_eq!(skeleton("kuchuk"), skeleton("kuchik"));
        assert_ne!(skeleton("baku"), skeleton("tehran"));
    }
}
