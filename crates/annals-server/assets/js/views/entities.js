// All people, places and organisations, with checkboxes to merge two clusters.

import { api } from '../api.js';
import { h, replace, notice } from '../dom.js';
import { link } from '../route.js';

export const TYPES = [['PER', 'People'], ['LOC', 'Places'], ['ORG', 'Organisations'], ['NORP', 'Groups'], ['FAC', 'Buildings and streets']];

export function entityHref(id) {
  return link(`/entity/${encodeURIComponent(id)}`);
}

/**
 * Merge two entities, then go to the merged one. The server decides the merged
 * entity's id, so look it up: the entity of that type carrying both names.
 */
export async function mergeEntities(a, b, name) {
  const body = { kind: 'merge', entities: [a.id, b.id] };
  if (name) body.name = name;
  await api.correct(body);
  const { entities } = await api.entities(a.type);
  const wanted = [a.name, b.name];
  const merged = entities.find((e) => name && e.name === name)
    || entities.find((e) => wanted.every((n) => e.name === n || (e.aliases || []).includes(n)));
  go(merged ? entityHref(merged.id) : link('/entities'));
}

/** Navigate, re-rendering even when the target is the page already shown. */
function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

export async function render(main) {
  const lists = await Promise.all(TYPES.map(([t]) => api.entities(t)));
  const selected = new Map(); // id -> entity
  const status = h('div', { testid: 'entities-status' });
  const nameInput = h('input', { name: 'name', placeholder: 'canonical name (optional)', testid: 'merge-name' });
  const mergeButton = h('button', { type: 'button', testid: 'merge-button', disabled: true }, 'Merge the two selected');

  function refresh() {
    const chosen = [...selected.values()];
    const ok = chosen.length === 2 && chosen[0].type === chosen[1].type;
    mergeButton.disabled = !ok;
    replace(status, chosen.length === 2 && !ok ? notice('Only entities of the same type can be merged.', 'info') : null);
  }

  mergeButton.addEventListener('click', async () => {
    const [a, b] = [...selected.values()];
    mergeButton.disabled = true;
    try {
      await mergeEntities(a, b, nameInput.value.trim());
    } catch (e) {
      replace(status, notice(e.message));
      refresh();
    }
  });

  const columns = TYPES.map(([type, title], i) => {
    const entities = (lists[i].entities || []).slice().sort((x, y) => x.name.localeCompare(y.name));
    return h('section', { class: 'panel entity-column', testid: `entities-${type}` },
      h('h2', {}, `${title} (${entities.length})`),
      entities.length ? h('ul', { class: 'entity-list' }, entities.map((e) => {
        const box = h('input', { type: 'checkbox', 'aria-label': `select ${e.name}`, testid: 'entity-select', 'data-entity': e.id });
        box.addEventListener('change', () => {
          if (box.checked) selected.set(e.id, e); else selected.delete(e.id);
          refresh();
        });
        const aliases = (e.aliases || []).length;
        return h('li', { testid: 'entity', 'data-entity': e.id },
          box, ' ',
          h('a', { href: entityHref(e.id) }, e.name),
          h('span', { class: 'muted' }, ` ${aliases} alias${aliases === 1 ? '' : 'es'} · ${e.mentions} mention${e.mentions === 1 ? '' : 's'}`),
          aliases > 1 ? h('div', { class: 'aliases muted' }, e.aliases.join(' · ')) : null);
      })) : notice('None.', 'info'));
  });

  replace(main,
    h('div', { class: 'merge-bar panel', testid: 'merge-bar' },
      h('span', {}, 'Tick two entries of the same type to merge them into one: '), nameInput, ' ', mergeButton, status),
    h('div', { class: 'entity-columns', testid: 'entity-list' }, columns));
}
