// Small DOM helpers. Every piece of document-derived text reaches the page
// through textContent / createTextNode here, never through innerHTML: documents
// may contain `<script>` or other markup that has to show up as literal text.

/**
 * Build an element: h('a', {href: '#/', testid: 'x', class: 'y'}, child, ...).
 * Children may be strings (become text nodes), Nodes, arrays, null/false (skipped).
 * Attributes starting with "on" are bound as event listeners.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'testid') el.setAttribute('data-testid', v);
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked' || k === 'disabled') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Append children (strings, nodes, nested arrays) to a parent. */
export function append(parent, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

/** Replace all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Shorten a label for places with little room (timeline items, popups). */
export function shorten(s, max = 80) {
  if (!s) return '';
  const t = String(s).replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max - 1);
  return t.slice(0, cut > max * 0.6 ? cut : max - 1) + '…';
}

/** A status / error line that views put at their top. */
export function notice(message, kind = 'error') {
  return h('p', { class: `notice ${kind}`, testid: kind === 'error' ? 'error' : 'notice', role: 'status' }, message);
}
