// Home: filter bar, a zoomable timeline of the entries and a map of the places.

import { api } from '../api.js';
import { h, replace, shorten, notice } from '../dom.js';
import { isoDay, isVague, validFilterDate } from '../dates.js';
import { link } from '../route.js';
import { createMap, placeMarker, disposeMap } from '../map.js';

const FILTERS = ['from', 'to', 'who', 'where'];
const DAY_MS = 24 * 3600 * 1000;

/** Where a click on an entry leads: its sentence in its document. */
export function entryHref(entry) {
  const span = entry.sentence_span || entry.span;
  return link(`/doc/${entry.document}`, { hl: span ? `${span.start}-${span.end}` : '' });
}

/** Whether an entry has people, places, both or neither (for "colour by kind"). */
function kindOf(entry) {
  const per = (entry.actors || []).length > 0;
  const loc = (entry.places || []).length > 0;
  return per && loc ? 'both' : per ? 'per' : loc ? 'loc' : 'none';
}

/** CSS-safe token of an event class such as "I_ACTION". */
function token(s) {
  return String(s || 'none').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** The item label: value, then the summary shortened. DOM, so vis never parses it as HTML. */
function itemContent(entry) {
  return h('span', {
    class: 'item-label',
    testid: 'timeline-item',
    'data-entry': entry.id,
    'data-value': entry.value,
  },
  h('b', {}, entry.value), ' ', shorten(entry.summary || entry.sentence || entry.text, 70));
}

/** The hover text, also plain DOM. */
function itemTitle(entry) {
  const how = entry.how === 'inherited' ? ' (date inherited from an earlier sentence)' : '';
  return h('div', { class: 'item-title' },
    h('div', {}, h('b', {}, entry.value), ` ${entry.text || ''}${how}`),
    h('div', {}, shorten(entry.sentence || entry.summary, 240)),
    h('div', { class: 'muted' }, `${entry.source || ''} · confidence ${Number(entry.confidence ?? 0).toFixed(2)}`));
}

/** vis-timeline items for the entries that have a usable date. */
function timelineItems(entries) {
  const items = [];
  for (const e of entries) {
    const start = isoDay(e.start);
    if (!start) continue;
    const vague = isVague(e);
    let end = isoDay(e.end);
    if (!end || end <= start) end = new Date(start.getTime() + DAY_MS);
    const classes = [
      `kind-${kindOf(e)}`,
      `ev-${token(e.event && e.event.class)}`,
      e.how === 'inherited' ? 'inherited' : '',
      e.corrected ? 'corrected' : '',
    ];
    items.push({
      id: e.id,
      start,
      end: vague ? end : undefined,
      type: vague ? 'range' : 'point',
      content: itemContent(e),
      title: itemTitle(e),
      className: classes.filter(Boolean).join(' '),
    });
  }
  return items;
}

function filterBar(query, people, places) {
  const field = (name, label, attrs = {}) => h('label', {},
    label, h('input', { name, value: query.get(name) || '', testid: `filter-${name}`, ...attrs }));
  const form = h('form', { class: 'filters', testid: 'filter-form' },
    field('from', 'From', { placeholder: 'YYYY[-MM[-DD]]', size: 11 }),
    field('to', 'To', { placeholder: 'YYYY[-MM[-DD]]', size: 11 }),
    field('who', 'Person', { list: 'people-list', placeholder: 'any' }),
    field('where', 'Place', { list: 'places-list', placeholder: 'any' }),
    h('button', { type: 'submit', testid: 'filter-apply' }, 'Apply'),
    h('a', { href: '#/', class: 'button-link', testid: 'filter-clear' }, 'Clear'),
    h('datalist', { id: 'people-list' }, people.map((n) => h('option', { value: n }))),
    h('datalist', { id: 'places-list' }, places.map((n) => h('option', { value: n }))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values = {};
    for (const k of FILTERS) values[k] = form.elements[k].value.trim();
    for (const k of ['from', 'to']) {
      if (values[k] && !validFilterDate(values[k])) {
        form.elements[k].setCustomValidity('Use YYYY, YYYY-MM or YYYY-MM-DD');
        form.elements[k].reportValidity();
        return;
      }
      form.elements[k].setCustomValidity('');
    }
    location.hash = link('/', values);
  });

  const search = h('form', { class: 'filters text-search', role: 'search' },
    h('label', {}, 'Text', h('input', { type: 'search', name: 'q', testid: 'search-input', placeholder: 'words in the texts' })),
    h('button', { type: 'submit', testid: 'search-button' }, 'Search'));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = search.elements.q.value.trim();
    if (q) location.hash = link('/search', { q });
  });
  return h('div', { class: 'filter-bar' }, form, search);
}

/** Names of entities of one type for the filter suggestions; failure is not fatal. */
async function names(type) {
  try {
    const { entities } = await api.entities(type);
    return entities.map((e) => e.name).sort((a, b) => a.localeCompare(b));
  } catch {
    return [];
  }
}

export async function render(main, _params, query) {
  const filters = {};
  for (const k of FILTERS) if (query.get(k)) filters[k] = query.get(k);
  const [timeline, places, people, placeNames] = await Promise.all([
    api.timeline(filters), api.places(filters), names('PER'), names('LOC'),
  ]);
  const entries = timeline.entries || [];

  const colourBy = h('select', { testid: 'colour-by', 'aria-label': 'Colour by' },
    h('option', { value: 'event' }, 'colour by event class'),
    h('option', { value: 'kind' }, 'colour by people / places'));
  const tlBox = h('div', { class: 'timeline-box colour-event', testid: 'timeline' });
  const mapBox = h('div', { class: 'map-box', testid: 'map' });
  const legend = h('p', { class: 'legend muted' },
    h('span', { class: 'swatch range' }), ' vague date (range) ',
    h('span', { class: 'swatch point' }), ' exact day ',
    h('span', { class: 'swatch faint' }), ' date inherited from an earlier sentence (less certain)');
  colourBy.addEventListener('change', () => {
    tlBox.classList.toggle('colour-event', colourBy.value === 'event');
    tlBox.classList.toggle('colour-kind', colourBy.value === 'kind');
  });

  const active = Object.keys(filters).length > 0;
  replace(main,
    filterBar(query, people, placeNames),
    h('section', { class: 'panel' },
      h('h2', {}, 'Timeline ', h('small', { class: 'muted', testid: 'entry-count' },
        `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${active ? ' (filtered)' : ''}`), ' ', colourBy),
      entries.length ? tlBox : notice('No dated entries match.', 'info'),
      legend),
    h('section', { class: 'panel' }, h('h2', {}, 'Places'), mapBox));

  const disposers = [];
  if (entries.length) disposers.push(drawTimeline(tlBox, entries));
  disposers.push(await drawPlaces(mapBox, places, entries, active));
  return () => disposers.forEach((d) => d());
}

function drawTimeline(box, entries) {
  const items = new vis.DataSet(timelineItems(entries));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const options = {
    stack: true,
    maxHeight: 460,
    verticalScroll: true,
    zoomMin: DAY_MS * 3,
    orientation: 'top',
    showCurrentTime: false,
    tooltip: { followMouse: true, overflowMethod: 'cap' },
    margin: { item: { horizontal: 2, vertical: 4 } },
  };
  // Entry days are UTC midnights; show them as such in every time zone.
  if (vis.moment) options.moment = (d) => vis.moment(d).utc();
  const tl = new vis.Timeline(box, items, options);
  tl.on('click', (props) => {
    const entry = props.item !== null && byId.get(props.item);
    if (entry) location.hash = entryHref(entry);
  });
  return () => tl.destroy();
}

async function drawPlaces(box, places, entries, filtered) {
  const { map, ready } = createMap(box, { tilesToggle: true });
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const markers = [];
  for (const f of (places && places.features) || []) {
    const c = f.geometry && f.geometry.coordinates;
    if (!Array.isArray(c) || c.length < 2) continue;
    const props = f.properties || {};
    let placeEntries = props.entries || [];
    // With a filter on, only places that take part in a shown entry.
    if (filtered) {
      placeEntries = placeEntries.filter((pe) => byKey.has(pe.key));
      if (!placeEntries.length) continue;
    }
    const [lon, lat] = c;
    const m = placeMarker([lat, lon], props.name, placePopup(props, placeEntries, byKey));
    m.addTo(map);
    markers.push(m);
  }
  await ready;
  // No animations here: a user may leave the page at once, and Leaflet throws if
  // a map is removed in the middle of a zoom animation.
  map.invalidateSize({ animate: false }); // the box may have been laid out since creation
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 7, animate: false });
  }
  return () => disposeMap(map);
}

function placePopup(props, placeEntries, byKey) {
  const written = (props.written || []).filter((w) => w !== props.name);
  return h('div', { class: 'place-popup', testid: 'place-popup' },
    h('h3', {}, props.name),
    written.length ? h('p', { class: 'muted' }, `written: ${written.join(', ')}`) : null,
    h('ul', {}, placeEntries.map((pe) => {
      const full = byKey.get(pe.key);
      const href = full ? entryHref(full) : link(`/doc/${pe.document}`);
      return h('li', {},
        h('a', { href }, h('b', {}, pe.value || pe.label || ''), ' ', shorten(pe.summary, 90)),
        h('div', { class: 'muted' }, pe.source || ''));
    })));
}
