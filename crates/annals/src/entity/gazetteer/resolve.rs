//! Disambiguation: one place per name found, by the document's other places (see the module
//! docs of [`super`]).

use super::{Evidence, Gazetteer, Place, PlaceMatch, ResolvedPlace, SUPPORT_KM};

impl Gazetteer {
    /// Pick one place per match, in the order of the module docs. Matches that
    /// [need context](PlaceMatch::needs_context) and have none are dropped.
    pub fn resolve(&self, matches: &[PlaceMatch]) -> Vec<ResolvedPlace> {
        // Anchors: names with one candidate, except the doubtful small towns.
        let mut anchors: Vec<Place<'_>> = matches
            .iter()
            .filter(|m| m.candidates.len() == 1 && !m.needs_context)
            .filter_map(|m| self.place(m.candidates[0]))
            .collect();
        anchors.sort_by_key(|p| p.id);
        anchors.dedup_by_key(|p| p.id);
        let near = |c: &Place<'_>| anchors.iter().any(|a| c.distance_km(a) <= SUPPORT_KM);
        let same_country =
            |c: &Place<'_>| !c.country.is_empty() && anchors.iter().any(|a| a.country == c.country);
        // Places the document names without doubt about their being places, resolved first:
        // they vouch for the small towns ("Tisbury" near "Salisbury", which is ambiguous
        // between England and Maryland but is a place either way).
        let confident: Vec<Place<'_>> = matches
            .iter()
            .filter(|m| !m.needs_context)
            .filter_map(|m| self.resolve_one(m, &near, &same_country))
            .filter_map(|r| self.place(r.id))
            .collect();
        let vouched = |c: &Place<'_>| {
            near(c)
                || confident
                    .iter()
                    .any(|a| a.id != c.id && c.distance_km(a) <= SUPPORT_KM)
        };
        matches
            .iter()
            .filter_map(|m| {
                if m.needs_context {
                    // A country is too coarse to vouch for a small town named like a person.
                    let place = m
                        .candidates
                        .iter()
                        .filter_map(|&id| self.place(id))
                        .find(|c| vouched(c))?;
                    return Some(ResolvedPlace {
                        start: m.start,
                        end: m.end,
                        id: place.id,
                        candidates: m.candidates.len(),
                        evidence: Evidence::Context,
                    });
                }
                self.resolve_one(m, &near, &same_country)
            })
            .collect()
    }

    /// One match that needs no context, resolved: its only candidate, else the first near an
    /// anchor or in an anchor's country, else the first in the default order.
    fn resolve_one(
        &self,
        m: &PlaceMatch,
        near: &impl Fn(&Place<'_>) -> bool,
        same_country: &impl Fn(&Place<'_>) -> bool,
    ) -> Option<ResolvedPlace> {
        let candidates: Vec<Place<'_>> = m
            .candidates
            .iter()
            .filter_map(|&id| self.place(id))
            .collect();
        let (place, evidence) = match candidates.as_slice() {
            [] => return None,
            [only] => (*only, Evidence::Unique),
            all => match all.iter().find(|c| near(c) || same_country(c)) {
                Some(c) => (*c, Evidence::Context),
                None => (all[0], Evidence::Default),
            },
        };
        Some(ResolvedPlace {
            start: m.start,
            end: m.end,
            id: place.id,
            candidates: candidates.len(),
            evidence,
        })
    }

    /// [`scan`](Self::scan) then [`resolve`](Self::resolve).
    pub fn find_places(&self, text: &str) -> Vec<ResolvedPlace> {
        self.resolve(&self.scan(text))
    }
}
