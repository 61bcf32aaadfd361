// One document: its text with a highlighted span, its entries beside it with
// the date corrections ("fix date", "drop").

import { api } from '../api.js';
import { h, replace, shorten, notice } from '../dom.js';
import { ByteIndex } from '../text.js';
import { link } from '../route.js';

/** Parse "?hl=START-END" (byte offsets); null when absent or malformed. */
function parseHl(query) {
  const m = /^(\d+)-(\d+)$/.exec(query.get('hl') || '');
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end >= start ? { start, end } : null;
}

/** The text as nodes, the span wrapped in a <mark>. Nothing is parsed as HTML. */
function textWithMark(text, index, hl) {
  const pre = h('pre', { class: 'doc-text', testid: 'doc-text' });
  if (!hl) {
    pre.textContent = text;
    return { pre, mark: null };
  }
  const a = index.index(hl.start);
  const b = index.index(hl.end);
  const mark = h('mark', { testid: 'highlight', id: 'hl' }, text.slice(a, b));
  pre.append(document.createTextNode(text.slice(0, a)), mark, document.createTextNode(text.slice(b)));
  return { pre, mark };
}

export async function render(main, [id], query) {
  const doc = await api.document(id);
  const text = doc.text || '';
  const index = new ByteIndex(text);
  const hl = parseHl(query);
  const { pre, mark } = textWithMark(text, index, hl);
  const status = h('div', { testid: 'doc-status' });

  replace(main,
    h('div', { class: 'doc-layout' },
      h('section', { class: 'panel doc-panel' },
        h('h2', { testid: 'doc-title' }, doc.path || `document ${doc.id}`),
        pre),
      h('aside', { class: 'panel entries-panel' },
        h('h2', {}, `Entries (${(doc.entries || []).length})`),
        status,
        h('ol', { class: 'entry-list', testid: 'doc-entries' },
          (doc.entries || []).map((e) => entryItem(e, doc, hl, status))))));

  if (mark) {
    // Let layout settle before scrolling the sentence into the middle of the view.
    requestAnimationFrame(() => mark.scrollIntoView({ block: 'center' }));
  }
}

function entryItem(entry, doc, hl, status) {
  const span = entry.sentence_span || entry.span;
  const here = span && hl && span.start === hl.start && span.end === hl.end;
  const faint = entry.how === 'inherited' ? ' inherited' : '';
  const fixForm = dateForm(entry, status);
  const li = h('li', { class: `entry${faint}${here ? ' current' : ''}${entry.corrected ? ' corrected' : ''}`, testid: 'doc-entry', 'data-key': entry.key },
    h('a', { href: link(`/doc/${doc.id}`, { hl: span ? `${span.start}-${span.end}` : '' }) },
      h('b', {}, entry.value), entry.mod ? ` (${entry.mod})` : '', ' ', shorten(entry.summary || entry.sentence, 110)),
    h('div', { class: 'muted' },
      `“${entry.text || ''}” · ${entry.how || 'explicit'} · confidence ${Number(entry.confidence ?? 0).toFixed(2)}`,
      entry.corrected ? ' · corrected' : ''),
    people(entry),
    h('div', { class: 'actions' },
      h('button', { type: 'button', testid: 'fix-date', onclick: () => { fixForm.hidden = !fixForm.hidden; fixForm.elements.value.focus(); } }, 'fix date'),
      h('button', { type: 'button', testid: 'drop-entry', onclick: () => correct({ kind: 'drop', entry: entry.key }, status) }, 'drop')),
    fixForm);
  return li;
}

/** Links to the people and places an entry names. */
function people(entry) {
  const all = [...(entry.actors || []), ...(entry.places || [])];
  if (!all.length) return null;
  return h('div', { class: 'who' }, all.map((a, i) => [
    i ? ', ' : '',
    h('a', { href: link(`/entity/${encodeURIComponent(`${a.type}:${a.name}`)}`) }, a.name),
  ]));
}

function dateForm(entry, status) {
  const form = h('form', { class: 'inline-form', hidden: true, testid: 'fix-date-form' },
    h('input', { name: 'value', value: entry.value, size: 12, 'aria-label': 'new date', testid: 'fix-date-value' }),
    h('button', { type: 'submit', testid: 'fix-date-save' }, 'save'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = form.elements.value.value.trim();
    // The server validates the TIMEX3 value (it may be "1919-FA" too) and says why not.
    if (!value) return;
    correct({ kind: 'date', entry: entry.key, value }, status);
  });
  return form;
}

/** Send a correction, then re-render the page so the entries show the change. */
async function correct(body, status) {
  try {
    await api.correct(body);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } catch (e) {
    replace(status, notice(e.message));
  }
}
