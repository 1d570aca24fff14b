// qcode serve: the quotes page -- the quotes per theme as the appendix
// will show them, and the appendix to download.
'use strict';

const $ = (id) => document.getElementById(id);

function params() {
  return { k: $('k').value, by: $('by').value, reviewed_only: $('reviewed').checked ? '1' : '' };
}

function links() {
  for (const fmt of ['html', 'md']) {
    const q = new URLSearchParams({ format: fmt });
    for (const [k, v] of Object.entries(params())) if (v) q.set(k, v);
    $('dl-' + fmt).href = '/api/appendix?' + q;
  }
}

async function load(ev) {
  if (ev) ev.preventDefault();
  links();
  const r = await qc.get('/api/quotes', params());
  const box = $('quotes');
  if (!r.ok) {
    $('message').textContent = r.data.error;
    box.replaceChildren();
    $('download').hidden = r.status === 403;
    return;
  }
  $('message').textContent = '';
  box.replaceChildren(...r.data.themes.map((t) => qc.el('section', { class: 'theme-quotes', 'data-theme': t.key },
    qc.el('h3', {}, qc.el('span', { class: 'swatch t' + (t.theme % 12) }), ' ', t.label + ' (' + t.key + ')'),
    qc.el('p', { class: 'hint', text: t.coded + ' answers coded, ' + t.candidates + ' with it as their primary theme' + (t.fallback ? '; none in the length window: the nearest lengths taken' : '') }),
    ...(t.quotes.length ? t.quotes.map((q) => qc.el('blockquote', { class: q.confirmed ? 'confirmed' : '' },
      q.text,
      qc.el('span', { class: 'mark', text: (q.group ? q.group + ' \u00b7 ' : '') + 'id ' + q.ext_id + ' \u00b7 ' + q.words + ' words \u00b7 ' + (q.confirmed ? 'confirmed by ' + q.coder : 'chosen by the machine') })))
      : [qc.el('p', { text: 'No quote.' })]))));
}

async function main() {
  if (!await qc.start()) return;
  const r = await qc.get('/api/groups');
  if (r.ok) $('by').append(...r.data.groups.map((g) => qc.el('option', { value: g }, g)));
  $('opts').addEventListener('submit', load);
  await load();
}

main();
