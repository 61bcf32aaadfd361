//! Other calendars (issue 6): conversions round-trip, and converted dates sort with Gregorian ones.

use annals::pipeline::{Pipeline, TagOptions};
use annals::time::calendars::{from_gregorian, to_gregorian, Calendar};
use annals::timeline::Timeline;
use annals::Document;
use proptest::prelude::*;

proptest! {
    /// Any Gregorian day, taken into another calendar and back, is the same day.
    #[test]
    fn conversions_round_trip(y in -2000i32..3000, m in 1u8..=12, d in 1u8..=31) {
        prop_assume!(jiff::civil::Date::new(y as i16, m as i8, d as i8).is_ok());
        for cal in [Calendar::Julian, Calendar::Hijri, Calendar::Persian] {
            let there = from_gregorian(cal, (y, m, d));
            prop_assert!(there.is_some(), "{cal:?} cannot hold {y}-{m}-{d}");
            prop_assert_eq!(to_gregorian(cal, there.unwrap()), Some((y, m, d)));
        }
    }
}

#[test]
fn calendars_sort_with_gregorian_dates() {
    let text = "In 1339 AH the governor fled. On 15 Rajab 1339 the council met. \
                The year 1299 of the Persian calendar began with a drought. \
                On 25 October (7 November) 1917 the Bolsheviks struck. \
                Caesar died in 44 BC. The 3rd century BC saw the Punic Wars. \
                On 1 January 1921 the assembly opened.";
    let doc = Document::from_text(text);
    let analysis = Pipeline::new()
        .analyse(&doc, &TagOptions::default())
        .unwrap();
    let timeline = Timeline::from_document(&doc, &analysis);
    let order: Vec<String> = timeline.entries.iter().map(|e| e.text.clone()).collect();
    let expected = [
        "The 3rd century BC",
        "44 BC",
        "25 October (7 November) 1917",
        "The year 1299 of the Persian calendar",
        "1 January 1921",
        // 1339 AH (1920-09-15 to 1921-09-03) is valued 1921, the year holding most of it, so it
        // sorts as that year: after its first day, before 15 Rajab 1339 (1921-03-25).
        "1339 AH",
        "15 Rajab 1339",
    ];
    let position = |t: &str| {
        order
            .iter()
            .position(|o| o == t)
            .unwrap_or_else(|| panic!("{t:?} missing from {order:?}"))
    };
    for w in expected.windows(2) {
        assert!(
            position(w[0]) < position(w[1]),
            "{:?} should come before {:?}: {order:?}",
            w[0],
            w[1]
        );
    }
}
