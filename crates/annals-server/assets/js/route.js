// Hash URLs shared by the router and the views.

/** Split "#/doc/3?hl=1-2" into {path: "/doc/3", query: URLSearchParams}. */
export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  return {
    path: q < 0 ? raw : raw.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}

/** Build a hash link: link('/doc/1', {hl: '3-9'}). */
export function link(path, query) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}
