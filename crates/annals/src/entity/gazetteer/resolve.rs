//! Disambiguation: one place per name found, by the document's other places (see the module
//! docs of [`super`]).

use super::{
    Era, Evidence, Gazetteer, Place, PlaceId, PlaceKind, PlaceMatch, ResolvedPlace,
    REGION_SUPPORT_KM, SUPPORT_KM,
};

/// How near an ancient place lies to a modern town of its name for the two to be one site.
const SAME_SITE_KM: f64 = 25.0;

impl Gazetteer {
    /// Pick one place per match, in the order of the module docs. Matches that
    /// [need context](PlaceMatch::needs_context) and have none are dropped.
    pub fn resolve(&self, matches: &[PlaceMatch]) -> Vec<ResolvedPlace> {
        self.resolve_in(matches, Era::Unknown)
    }

    /// [`resolve`](Self::resolve) for a document of `era`: in one of the ancient world, a name's
    /// ancient place comes before a modern town of the name far from it ("Memphis" is the
    /// Egyptian city, not Tennessee's) where the other places do not decide. A modern country, region, continent or water keeps its place before the ancient
    /// one: modern "Syria", "Europe" and "the Danube" cover the ancient ones, while Pleiades'
    /// namesakes may be elsewhere (a "Syria" on a Greek island).
    pub fn resolve_in(&self, matches: &[PlaceMatch], era: Era) -> Vec<ResolvedPlace> {
        if era == Era::Ancient {
            let ancient_first: Vec<PlaceMatch> = matches
                .iter()
                .map(|m| {
                    let places: Vec<Place<'_>> = m
                        .candidates
                        .iter()
                        .filter_map(|&id| self.place(id))
                        .collect();
                    let town = |p: &Place<'_>| !p.ancient && p.kind == PlaceKind::City;
                    // An ancient place on the site of a modern town of the name ("Roma" under
                    // Rome) is that town: the modern name and country serve a reader better.
                    let rank = |p: &Place<'_>| {
                        if p.ancient {
                            let same_site = places
                                .iter()
                                .any(|t| town(t) && t.distance_km(p) <= SAME_SITE_KM);
                            if same_site {
                                3
                            } else {
                                1
                            }
                        } else if town(p) {
                            2
                        } else {
                            0
                        }
                    };
                    let mut order: Vec<(u8, PlaceId)> =
                        places.iter().map(|p| (rank(p), p.id)).collect();
                    order.sort_by_key(|&(r, _)| r);
                    PlaceMatch {
                        candidates: order.into_iter().map(|(_, id)| id).collect(),
                        ..m.clone()
                    }
                })
                .collect();
            return self
                .resolve_ordered(&ancient_first)
                .into_iter()
                .map(|mut r| {
                    if r.evidence == Evidence::Default
                        && self.place(r.id).is_some_and(|p| p.ancient)
                    {
                        r.evidence = Evidence::Era;
                    }
                    r
                })
                .collect();
        }
        self.resolve_ordered(matches)
    }

    /// Resolve each match, its candidates in the order given.
    fn resolve_ordered(&self, matches: &[PlaceMatch]) -> Vec<ResolvedPlace> {
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
        // Each place once: a long document names its capital thousands of times, and every
        // doubtful name is measured against all of these.
        let mut confident: Vec<PlaceId> = resolved.iter().flatten().map(|r| r.id).collect();
        confident.sort_unstable();
        confident.dedup();
        let confident: Vec<Place<'_>> = confident
            .into_iter()
            .filter(|id| anchors.binary_search_by_key(id, |a| a.id).is_err())
            .filter_map(|id| self.place(id))
            .collect();
        // How far a doubtful candidate may lie from the place that vouches for it: SUPPORT_KM,
        // or REGION_SUPPORT_KM for a region or a sea, located at one point of a wide area
        // ("Parthia" lies a thousand kilometres from the point of its neighbour Armenia).
        let reach = |c: &Place<'_>| match c.kind {
            PlaceKind::Region | PlaceKind::Water => REGION_SUPPORT_KM,
            _ => SUPPORT_KM,
        };
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
                    // Mesopotamia is not the fortress in Egypt), within its reach.
                    let (place, _) = m
                        .candidates
                        .iter()
                        .filter_map(|&id| self.place(id))
                        .map(|c| (c, support_km(&c) / reach(&c)))
                        .filter(|(_, share)| *share <= 1.0)
                        .min_by(|a, b| a.1.total_cmp(&b.1))?;
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

    /// [`scan`](Self::scan) then [`resolve_in`](Self::resolve_in) the document's era.
    pub fn find_places_in(&self, text: &str, era: Era) -> Vec<ResolvedPlace> {
        self.resolve_in(&self.scan(text), era)
    }
}
