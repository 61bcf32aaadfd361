//! Disambiguation: one place per name found, by the document's other places (see the module
//! docs of [`super`]).

use super::{Evidence, Gazetteer, Place, PlaceMatch, ResolvedPlace, SUPPORT_KM};

impl Gazetteer {
    /// Pick one place per match, in the order of the module docs. Matches that
    /// [need context](PlaceMatch::needs_context) and have none are dropped.
    pub fn resolve(&self, matches: &[PlaceMatch]) -> Vec<ResolvedPlace> {
        // Anchors: names with one candidate, except the doubtful small towns. A modern city with
        // an ancient namesake ("Memphis") is no anchor: which of the two it is, is for the
        // anchors to say.
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
        let resolved: Vec<Option<ResolvedPlace>> = matches
            .iter()
            .map(|m| {
                (!m.needs_context)
                    .then(|| self.resolve_one(m, &near, &same_country))
                    .flatten()
            })
            .collect();
        let confident: Vec<Place<'_>> = resolved
            .iter()
            .flatten()
            .filter_map(|r| self.place(r.id))
            .collect();
        // How far a candidate lies from the nearest place that vouches for it.
        let support_km = |c: &Place<'_>| {
            anchors
                .iter()
                .chain(&confident)
                .filter(|a| a.id != c.id)
                .map(|a| c.distance_km(a))
                .fold(f64::INFINITY, f64::min)
        };
        matches
            .iter()
            .zip(resolved)
            .filter_map(|(m, resolved)| {
                if m.needs_context {
                    // The candidate closest to a place the document names ("Babylon" beside
                    // Mesopotamia is not the fortress in Egypt), within SUPPORT_KM.
                    let (place, km) = m
                        .candidates
                        .iter()
                        .filter_map(|&id| self.place(id))
                        .map(|c| (c, support_km(&c)))
                        .min_by(|a, b| a.1.total_cmp(&b.1))?;
                    if km > SUPPORT_KM {
                        return None;
                    }
                    return Some(ResolvedPlace {
                        start: m.start,
                        end: m.end,
                        id: place.id,
                        candidates: m.candidates.len(),
                        evidence: Evidence::Context,
                    });
                }
                resolved
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
