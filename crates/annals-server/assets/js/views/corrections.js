// The corrections made so far, each undoable, and the authority file download.

import { api } from '../api.js';
import { h, replace, notice } from '../dom.js';

/** A one-line description of a correction, whatever its kind. */
function describe(c) {
  switch (c.kind) {
    case 'merge': return `merge ${(c.entities || []).join(' + ')}${c.name ? ` as “${c.name}”` : ''}`;
    case 'split': return `split “${c.alias}” off ${c.entity}`;
    case 'date': return `date of ${c.entry} → ${c.value}`;
    case 'drop': return `drop ${c.entry}`;
    default: return JSON.stringify(c);
  }
}

export async function render(main) {
  const { corrections } = await api.corrections();
  const status = h('div', {});
  const list = h('ol', { class: 'corrections', testid: 'corrections' },
    corrections.map((c) => h('li', { testid: 'correction' },
      describe(c), ' ', h('span', { class: 'muted' }, c.created || ''), ' ',
      h('button', {
        type: 'button',
        testid: 'undo-correction',
        onclick: async () => {
          try {
            await api.undo(c.id);
            window.dispatchEvent(new HashChangeEvent('hashchange'));
          } catch (e) {
            replace(status, notice(e.message));
          }
        },
      }, 'undo'))));
  replace(main, h('section', { class: 'panel' },
    h('h2', {}, 'Corrections'),
    h('p', {}, 'Merges, splits, date fixes and dropped entries are kept in the database and survive re-ingesting. ',
      h('a', { href: '/api/authority', download: 'authority.toml', testid: 'authority-link' }, 'Download them as an authority file'),
      ' for `annals entities --authority`.'),
    status,
    corrections.length ? list : notice('No corrections yet.', 'info')));
}
