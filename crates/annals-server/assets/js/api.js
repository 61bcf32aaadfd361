// Thin wrappers over the JSON API of `annals serve`. Errors become exceptions
// carrying the server's {"error": "..."} message so views can show it.

async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const msg = (data && data.error) || `${method} ${path}: HTTP ${res.status}`;
    throw new Error(msg);
  }
  return data;
}

/** Query string from an object, skipping empty values. */
function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && String(v).trim() !== '') p.set(k, String(v).trim());
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  documents: () => request('GET', '/api/documents'),
  document: (id) => request('GET', `/api/documents/${encodeURIComponent(id)}`),
  timeline: (filters) => request('GET', `/api/timeline${qs(filters)}`),
  // The server applies the timeline's filters to the places too (the UI also filters by entry).
  places: (filters) => request('GET', `/api/places${qs(filters)}`),
  entities: (type) => request('GET', `/api/entities${qs({ type })}`),
  entity: (id, offset) => request('GET', `/api/entities/${encodeURIComponent(id)}${qs({ offset })}`),
  search: (q, limit = 50) => request('GET', `/api/search${qs({ q, limit })}`),
  corrections: () => request('GET', '/api/corrections'),
  correct: (body) => request('POST', '/api/corrections', body),
  undo: (id) => request('DELETE', `/api/corrections/${encodeURIComponent(id)}`),
};
