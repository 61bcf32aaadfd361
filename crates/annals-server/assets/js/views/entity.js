// One entity: names, coordinates, mentions, entries; merge and split controls.

import { api } from '../api.js';
import { h, replace, shorten, notice } from '../dom.js';
import { link } from '../route.js';
import { createMap, placeMarker, disposeMap } from '../map.js';
import { entryHref } from './home.js';
import { entityHref, mergeEntities } from './entities.js';

const TYPE_NAMES = { PER: 'person', LOC: 'place', ORG: 'organisation' };

// The server sends mentions a page at a time (every one is reachable): "Show more" appends the
// next page to the list.
function mentionItem(m) {
  return h('li', { testid: 'mention' },
    h('a', { href: mentionHref(m) }, h('b', {}, m.text)),
    ' ', h('span', {}, shorten(m.sentence, 240)),
    h('div', { class: 'muted' }, m.path || ''));
}

function mentionsPanel(entity, first) {
  const total = entity.total_mentions ?? first.length;
  const list = h('ol', { class: 'mentions', testid: 'entity-mentions' }, first.map(mentionItem));
  let shown = first.length;
  const more = h('button', { type: 'button', testid: 'more-mentions' }, 'Show more');
  more.hidden = shown >= total;
  more.addEventListener('click', async () => {
    more.disabled = true;
    const page = await api.entity(entity.id, shown);
    for (const m of page.mentions || []) list.append(mentionItem(m));
    shown += (page.mentions || []).length;
    more.disabled = false;
    more.hidden = shown >= total || !(page.mentions || []).length;
  });
  return h('section', { class: 'panel' }, h('h2', {}, `Mentions (${total})`), list, more);
}

export async function render(main, [id]) {
  const [entity, others] = await Promise.all([
    api.entity(id),
    api.entities(id.split(':')[0]).catch(() => ({ entities: [] })),
  ]);
  const status = h('div', { testid: 'entity-status' });
  const hasPlace = typeof entity.lat === 'number' && typeof entity.lon === 'number';
  const mapBox = hasPlace ? h('div', { class: 'map-box small', testid: 'entity-map' }) : null;
  const mentions = entity.mentions || [];
  const entries = entity.entries || [];

  replace(main,
    h('section', { class: 'panel' },
      h('h2', { testid: 'entity-name' }, entity.name, ' ', h('small', { class: 'muted', testid: 'entity-type' }, TYPE_NAMES[entity.type] || entity.type)),
      h('p', {}, 'Also written: ', h('span', { testid: 'entity-aliases' }, (entity.aliases || []).join(' · ') || '—')),
      hasPlace ? h('p', { testid: 'entity-coordinates' }, `${entity.lat.toFixed(4)}, ${entity.lon.toFixed(4)} (lat, lon)`) : null,
      mapBox,
      status,
      corrections(entity, (others.entities || []).filter((e) => e.id !== entity.id), status)),
    mentionsPanel(entity, mentions),
    h('section', { class: 'panel' },
      h('h2', {}, `Entries (${entries.length})`),
      h('ol', { class: 'entry-list', testid: 'entity-entries' }, entries.map((e) => h('li', { class: e.how === 'inherited' ? 'entry inherited' : 'entry' },
        h('a', { href: entryHref(e) }, h('b', {}, e.value), ' ', shorten(e.summary || e.sentence, 120)),
        h('div', { class: 'muted' }, e.source || ''))))));

  if (!mapBox) return undefined;
  const { map, ready } = createMap(mapBox, { center: [entity.lat, entity.lon], zoom: 5 });
  placeMarker([entity.lat, entity.lon], entity.name, null).addTo(map);
  await ready;
  map.invalidateSize({ animate: false });
  return () => disposeMap(map);
}

/** Link to a mention: its whole sentence highlighted when the server says where it is. */
function mentionHref(m) {
  const span = m.sentence_span || { start: m.start, end: m.end };
  return link(`/doc/${m.document}`, { hl: `${span.start}-${span.end}` });
}

/** The "merge with…" and "split alias" controls. */
function corrections(entity, others, status) {
  const pick = h('select', { testid: 'merge-target', 'aria-label': 'merge with' },
    h('option', { value: '' }, `merge with… (${others.length} other ${TYPE_NAMES[entity.type] || 'entities'})`),
    others.map((e) => h('option', { value: e.id }, `${e.name} (${e.mentions})`)));
  const name = h('input', { placeholder: 'canonical name (optional)', testid: 'merge-name' });
  const merge = h('button', { type: 'button', testid: 'merge-button' }, 'merge');
  merge.addEventListener('click', async () => {
    const other = others.find((e) => e.id === pick.value);
    if (!other) {
      replace(status, notice('Pick the entity to merge with first.', 'info'));
      return;
    }
    try {
      await mergeEntities(entity, other, name.value.trim());
    } catch (e) {
      replace(status, notice(e.message));
    }
  });

  // Splitting the canonical name itself off makes no sense; offer the other spellings.
  const aliases = (entity.aliases || []).filter((a) => a !== entity.name);
  const alias = h('select', { testid: 'split-alias', 'aria-label': 'alias to split off' },
    h('option', { value: '' }, 'split alias…'),
    aliases.map((a) => h('option', { value: a }, a)));
  const split = h('button', { type: 'button', testid: 'split-button', disabled: aliases.length === 0 }, 'split off');
  split.addEventListener('click', async () => {
    if (!alias.value) {
      replace(status, notice('Pick the alias to split off first.', 'info'));
      return;
    }
    try {
      await api.correct({ kind: 'split', entity: entity.id, alias: alias.value });
      // The entity keeps its id; re-render to show the remaining aliases.
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      replace(status, notice(e.message));
    }
  });

  return h('div', { class: 'correction-controls' },
    h('div', {}, pick, ' ', name, ' ', merge),
    h('div', {}, alias, ' ', split),
    h('p', { class: 'muted' }, h('a', { href: '#/corrections' }, 'All corrections'), ' · ', h('a', { href: entityHref(entity.id) }, 'permalink')));
}
