//! Issue 4's acceptance on the reference document: places on the map, people found, aliases
//! clustered, and no place taken for a person.

use annals::entity::gazetteer::distance_km;
use annals::entity::mentions::{entities, EntityCluster};
use annals::entity::ner::EntityType;
use std::path::Path;

fn gilan() -> Vec<EntityCluster> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/gilan-1920.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let doc = annals::Document::from_text(text);
    let analysis = annals::Pipeline::new()
        .analyse(&doc, &Default::default())
        .unwrap();
    let times: Vec<annals::Span> = analysis.timexes.iter().map(|t| t.span).collect();
    entities(&doc.text, &analysis.segmented, &times, None)
}

fn cluster_with<'a>(clusters: &'a [EntityCluster], mention: &str) -> Option<&'a EntityCluster> {
    clusters
        .iter()
        .find(|c| c.mentions.iter().any(|m| m.text == mention))
}

#[test]
fn places_are_found_near_their_true_position() {
    let clusters = gilan();
    // (mention, latitude, longitude) of the real places.
    let truth = [
        ("Baku", 40.41, 49.87),
        ("Enzeli", 37.47, 49.46),
        ("Anzali", 37.47, 49.46),
        ("Rasht", 37.28, 49.58),
        ("Manjil", 36.74, 49.40),
        ("Tehran", 35.69, 51.42),
        ("Moscow", 55.76, 37.62),
        ("Gilan", 37.30, 49.60),
    ];
    for (name, lat, lon) in truth {
        let c = cluster_with(&clusters, name).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(c.etype, EntityType::Loc, "{name} should be a place: {c:?}");
        let p = c
            .place
            .as_ref()
            .unwrap_or_else(|| panic!("{name} has no coordinates"));
        let d = distance_km(p.lat, p.lon, lat, lon);
        assert!(d <= 25.0, "{name} placed {d:.0} km away at {p:?}");
    }
    let enzeli = cluster_with(&clusters, "Enzeli").unwrap();
    assert!(
        enzeli.mentions.iter().any(|m| m.text == "Anzali"),
        "Enzeli and Anzali should be one cluster: {enzeli:?}"
    );
}

#[test]
fn people_are_found_and_their_aliases_clustered() {
    let clusters = gilan();
    let is_person = |name: &str| {
        clusters
            .iter()
            .any(|c| c.etype == EntityType::Per && c.mentions.iter().any(|m| m.text.contains(name)))
    };
    for name in [
        "Trotsky",
        "Frunze",
        "Raskolnikov",
        "Ordzhonikidze",
        "Lenin",
        "Denikin",
        "Ehsanullah Khan",
    ] {
        assert!(is_person(name), "{name} should be a person");
    }
    let heaps = cluster_with(&clusters, "Mirza Heaps Khan").expect("Mirza Heaps Khan");
    assert!(
        heaps.mentions.iter().any(|m| m.text == "Heaps Khan"),
        "Heaps Khan belongs with Mirza Heaps Khan: {heaps:?}"
    );
    let fyodor = cluster_with(&clusters, "Fyodor Raskolnikov").expect("Fyodor Raskolnikov");
    assert!(
        fyodor.mentions.iter().any(|m| m.text == "Raskolnikov"),
        "Raskolnikov belongs with Fyodor Raskolnikov: {fyodor:?}"
    );
}

#[test]
fn no_place_is_taken_for_a_person() {
    for c in gilan() {
        if c.etype == EntityType::Per {
            for m in &c.mentions {
                assert!(
                    m.place.is_none(),
                    "{:?} is a person with a place attached",
                    m.text
                );
                for place in [
                    "Baku", "Enzeli", "Anzali", "Rasht", "Manjil", "Tehran", "Moscow", "Gilan",
                ] {
                    assert_ne!(m.text, place, "{place} tagged as a person");
                }
            }
        }
    }
}

/// Issue 20: groups of people are not persons, and a title alone names no one.
#[test]
fn groups_are_not_people_and_titles_alone_are_not_names() {
    let clusters = gilan();
    for group in ["Persians", "Communists"] {
        let c = cluster_with(&clusters, group).unwrap_or_else(|| panic!("{group} not found"));
        assert_eq!(c.etype, EntityType::Group, "{group}: {c:?}");
    }
    assert!(
        cluster_with(&clusters, "Shah").is_none(),
        "a title alone became a name"
    );
    // A title with its name stays one person mention.
    assert!(clusters.iter().any(|c| c.etype == EntityType::Per
        && c.mentions
            .iter()
            .any(|m| m.text == "Sheikh Mohammed Hiabani")));
}

#[test]
fn ocr_repairs_find_split_names_with_spans_into_the_original() {
    use annals::text::ocr::OcrMode;
    let text = "The Houfe of Reprefentatives met. The delegates of North Caro¬\nlina spoke \
                for the Prefident of the United States.";
    let doc = annals::Document::from_text(text);
    let analyse = |ocr| {
        let opts = annals::TagOptions {
            entities: true,
            ocr,
            ..Default::default()
        };
        annals::Pipeline::new().analyse(&doc, &opts).unwrap()
    };
    let spans = |a: &annals::pipeline::Analysis| -> Vec<String> {
        a.entities
            .iter()
            .flat_map(|c| c.mentions.iter())
            .map(|m| text[m.span.start..m.span.end].to_string())
            .collect()
    };
    let repaired = analyse(OcrMode::Auto);
    let found = spans(&repaired);
    assert!(found.iter().any(|s| s == "North Caro¬\nlina"), "{found:?}");
    // Every token still slices the original text.
    for t in &repaired.segmented.tokens {
        assert!(text.get(t.span.start..t.span.end).is_some());
    }
    let found = spans(&analyse(OcrMode::Off));
    assert!(!found.iter().any(|s| s == "North Caro¬\nlina"), "{found:?}");
}

/// Every mention `annals entities` finds in `text`: its words as written and its type.
fn mentions_in(text: &str) -> Vec<(String, EntityType)> {
    let doc = annals::Document::from_text(text);
    let opts = annals::TagOptions {
        entities: true,
        ..Default::default()
    };
    let a = annals::Pipeline::new().analyse(&doc, &opts).unwrap();
    a.entities
        .iter()
        .flat_map(|c| c.mentions.iter())
        .map(|m| (text[m.span.start..m.span.end].to_string(), m.etype))
        .collect()
}

/// Issue 20: a shouted common word in a headline or an advertisement is no name; a shouted
/// place still is.
#[test]
fn shouted_common_words_are_not_names() {
    let text = "EXTENSIVE SALE.\nThe STORE of Mr. Smith will open FOR business in BOSTON on \
                Monday. GREAT BARGAINS.";
    let found = mentions_in(text);
    for word in ["EXTENSIVE", "STORE", "FOR", "GREAT", "BARGAINS", "SALE"] {
        assert!(!found.iter().any(|(t, _)| t == word), "{word}: {found:?}");
    }
    assert!(
        found.contains(&("BOSTON".into(), EntityType::Loc)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Mr. Smith".into(), EntityType::Per)),
        "{found:?}"
    );
}

/// Issue 20: a name's written forms. A possessive is not part of it, nor a sentence adverb
/// before it; a regnal number, "Esq." and a shortened given name before it are.
#[test]
fn names_keep_their_written_forms() {
    let text = "Henry V invaded France. Mr. Bigelow's house burned. The deed was witnessed by \
                Benjamin Ballard, Esq. and John Brink, Esquire. It was signed by Wm. W. Cowper \
                and Geo. Davis. Whereupon Sulla marched on Rome.";
    let people: Vec<String> = mentions_in(text)
        .into_iter()
        .filter(|(_, t)| *t == EntityType::Per)
        .map(|(name, _)| name)
        .collect();
    for name in [
        "Henry V",
        "Mr. Bigelow",
        "Benjamin Ballard, Esq.",
        "John Brink, Esquire",
        "Wm. W. Cowper",
        "Geo. Davis",
        "Sulla",
    ] {
        assert!(people.iter().any(|p| p == name), "{name}: {people:?}");
    }
}

/// Issue 20: two people joined by "and" are two names, where titles alone before "and" share
/// the name after it.
#[test]
fn coordinated_people_are_two_names_and_a_couple_is_one() {
    let text = "Peng Shousong and Xu Chongzhi led the army. Muranaka and Isobe visited the \
                general. Mr. and Mrs. Tally Eddings came too.";
    let people: Vec<String> = mentions_in(text)
        .into_iter()
        .filter(|(_, t)| *t == EntityType::Per)
        .map(|(name, _)| name)
        .collect();
    for name in ["Peng Shousong", "Xu Chongzhi", "Muranaka", "Isobe"] {
        assert!(people.iter().any(|p| p == name), "{name}: {people:?}");
    }
    assert!(
        !people
            .iter()
            .any(|p| p.contains(" and ") && !p.starts_with("Mr.")),
        "{people:?}"
    );
    assert!(
        people.iter().any(|p| p.ends_with("Tally Eddings")),
        "{people:?}"
    );
}

/// Issue 20: an office alone names no one, with its holder's name it is one person, and a
/// party's members are a group.
#[test]
fn offices_alone_are_not_names_and_party_members_are_a_group() {
    let text = "The Secretary reported to the House. Secretary Seward spoke after him. The \
                Democrats and the Republicans voted against the bill.";
    let found = mentions_in(text);
    assert!(!found.iter().any(|(t, _)| t == "Secretary"), "{found:?}");
    assert!(
        found.contains(&("Secretary Seward".into(), EntityType::Per)),
        "{found:?}"
    );
    for group in ["Democrats", "Republicans"] {
        assert!(
            found
                .iter()
                .all(|(t, ty)| *t != group || *ty == EntityType::Group),
            "{group}: {found:?}"
        );
    }
}
