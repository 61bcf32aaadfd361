// Full-text search over the sentences; each hit links to its sentence.

import { api } from '../api.js';
import { h, replace, notice } from '../dom.js';
import { link } from '../route.js';

export async function render(main, _params, query) {
  const q = (query.get('q') || '').trim();
  const input = h('input', { type: 'search', name: 'q', value: q, testid: 'search-input', placeholder: 'words in the texts', autofocus: true });
  const form = h('form', { class: 'filters', role: 'search', testid: 'search-form' },
    h('label', {}, 'Search', input), h('button', { type: 'submit', testid: 'search-button' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = link('/search', { q: input.value.trim() });
  });
  const list = h('ol', { class: 'search-results', testid: 'search-results' });
  replace(main, h('section', { class: 'panel' }, form, list));
  if (!q) return;

  const { results } = await api.search(q, 50);
  if (!results.length) {
    replace(list, notice(`Nothing found for “${q}”.`, 'info'));
    return;
  }
  list.before(h('p', { class: 'muted', testid: 'search-count' }, `${results.length} result${results.length === 1 ? '' : 's'}`));
  for (const r of results) {
    list.append(h('li', { testid: 'search-result' },
      h('a', { href: link(`/doc/${r.document}`, { hl: `${r.start}-${r.end}` }) },
        r.before || '', h('mark', {}, r.match || ''), r.after || ''),
      h('div', { class: 'muted' }, r.path || '')));
  }
}
