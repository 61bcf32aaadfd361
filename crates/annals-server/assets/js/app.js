// Entry point: a hash router over the views. Routes:
//   #/                     timeline and map (query: from, to, who, where)
//   #/doc/{id}?hl=S-E      a document with the byte span S-E highlighted
//   #/entity/{id}          one person / place / organisation
//   #/entities             all entities, with merging
//   #/search?q=…           full-text search
//   #/corrections          the corrections made so far
// Views are modules exporting render(main, params, query); each returns an
// optional cleanup function (timelines and maps must be destroyed).

import { h, replace, notice } from './dom.js';
import { parseHash, link } from './route.js';
import * as home from './views/home.js';
import * as doc from './views/doc.js';
import * as entity from './views/entity.js';
import * as entities from './views/entities.js';
import * as search from './views/search.js';
import * as corrections from './views/corrections.js';

const ROUTES = [
  [/^\/?$/, home],
  [/^\/doc\/([^/]+)$/, doc],
  [/^\/entity\/(.+)$/, entity],
  [/^\/entities$/, entities],
  [/^\/search$/, search],
  [/^\/corrections$/, corrections],
];

let cleanup = null;
let generation = 0;

async function route() {
  const { path, query } = parseHash();
  const main = document.getElementById('view');
  if (typeof cleanup === 'function') {
    try { cleanup(); } catch (e) { console.warn('view cleanup failed', e); }
  }
  cleanup = null;
  const mine = ++generation;
  for (const [re, view] of ROUTES) {
    const m = re.exec(path);
    if (!m) continue;
    const params = m.slice(1).map((s) => decodeURIComponent(s));
    main.dataset.route = path.split('/')[1] || 'home';
    main.removeAttribute('data-ready');
    try {
      const done = await view.render(main, params, query);
      // A newer navigation may have happened while this view was loading.
      if (mine !== generation) { if (typeof done === 'function') done(); return; }
      cleanup = done;
      // Tests wait for these attributes rather than for arbitrary timeouts:
      // data-hash says which navigation the ready state belongs to.
      main.dataset.hash = location.hash;
      main.setAttribute('data-ready', 'true');
    } catch (e) {
      if (mine !== generation) return;
      console.error(e);
      replace(main, notice(e.message || String(e)));
      main.dataset.hash = location.hash;
      main.setAttribute('data-ready', 'error');
    }
    return;
  }
  replace(main, notice(`No page at ${path}`), h('p', {}, h('a', { href: '#/' }, 'Back to the timeline')));
  main.dataset.hash = location.hash;
  main.setAttribute('data-ready', 'error');
}

function init() {
  document.querySelector('.quick-search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = ev.target.elements.q.value.trim();
    if (q) location.hash = link('/search', { q });
  });
  window.addEventListener('hashchange', route);
  route();
}

// Module scripts run after the deferred classic scripts (vis, L, topojson), in order.
init();
