// qcode serve: the agreement page -- coders against each other and the
// machine (the figures of qcode eval), the theme table by group and the chart.
'use strict';

const $ = (id) => document.getElementById(id);
let picked = null;   // "A\u0000B": the pair whose themes are shown
let data = null;

function pairKey(p) { return p.a + '\u0000' + p.b; }

async function loadAgreement() {
  const r = await qc.get('/api/agreement');
  const body = $('pairs').tBodies[0];
  if (!r.ok) {
    body.replaceChildren(qc.el('tr', {}, qc.el('td', { colspan: '8', class: 'error', text: r.data.error })));
    return;
  }
  data = r.data;
  $('boot').textContent = String(data.boot);
  $('updated').textContent = 'as of ' + new Date().toLocaleTimeString();
  if (!data.pairs.length) {
    body.replaceChildren(qc.el('tr', {}, qc.el('td', { colspan: '8', text: 'No coder has decided yet.' })));
    return;
  }
  body.replaceChildren(...data.pairs.map((p) => {
    const cells = p.themes
      ? [p.answers, qc.fix(p.macro_f1), qc.fix(p.micro_f1), p.primary_right + ' of ' + p.with_primary + ' (' + qc.fix(p.primary_accuracy) + ')',
        qc.fix(p.primary_kappa), qc.fix(p.primary_alpha)]
      : [p.answers, 'fewer than two answers coded by both', '', '', '', ''];
    const tr = qc.el('tr', { class: 'pick' + (pairKey(p) === picked ? ' here' : ''), 'data-a': p.a, 'data-b': p.b,
      onclick: () => { picked = pairKey(p); loadAgreementShown(); } },
    qc.el('td', { text: p.a }), qc.el('td', { text: p.b }), ...cells.map((c) => qc.el('td', { text: String(c) })));
    return tr;
  }));
  if (!picked || !data.pairs.some((p) => pairKey(p) === picked)) picked = pairKey(data.pairs[0]);
  loadAgreementShown();
}

function loadAgreementShown() {
  for (const tr of $('pairs').tBodies[0].rows)
    tr.classList.toggle('here', tr.dataset.a + '\u0000' + tr.dataset.b === picked);
  const p = data.pairs.find((x) => pairKey(x) === picked);
  const table = $('detail');
  if (!p || !p.themes) {
    table.hidden = true;
    $('detail-title').textContent = '';
    return;
  }
  $('detail-title').textContent = 'Per theme: ' + p.a + ' against ' + p.b + ', ' + p.answers + ' answers';
  const ci = (lo, hi) => (lo === null ? '' : '[' + qc.fix(lo) + ', ' + qc.fix(hi) + ']');
  table.tBodies[0].replaceChildren(...p.themes.map((t) => qc.el('tr', { 'data-theme': t.key },
    ...[t.key, t.tp, t.fn, t.fp, qc.fix(t.precision), qc.fix(t.recall), qc.fix(t.f1), ci(t.f1_lo, t.f1_hi),
      qc.fix(t.kappa), ci(t.kappa_lo, t.kappa_hi), qc.fix(t.alpha)].map((c) => qc.el('td', { text: String(c) })))));
  table.hidden = false;
}

async function loadGroups() {
  const r = await qc.get('/api/groups');
  if (!r.ok) return;
  $('by').append(...r.data.groups.map((g) => qc.el('option', { value: g }, g)));
}

async function loadTable() {
  const by = $('by').value;
  const r = await qc.get('/api/table', { by });
  const t = $('crosstab');
  if (!r.ok) {
    t.tHead.replaceChildren();
    t.tBodies[0].replaceChildren(qc.el('tr', {}, qc.el('td', { class: 'error', text: r.data.error })));
    return;
  }
  const g = r.data.groups;
  t.tHead.replaceChildren(qc.el('tr', {}, qc.el('th', { text: 'theme' }),
    ...g.map((x) => qc.el('th', { text: x.name + ' (N = ' + x.n + ')' }))));
  t.tBodies[0].replaceChildren(...r.data.themes.map((th) => qc.el('tr', { 'data-theme': th.key },
    qc.el('td', { text: th.label }),
    ...th.counts.map((c, i) => qc.el('td', { text: c + (g[i].n ? ' (' + Math.round(100 * c / g[i].n) + '%)' : '') })))));
  $('chart').src = '/api/chart.svg' + (by ? '?by=' + encodeURIComponent(by) : '');
}

async function main() {
  if (!await qc.start()) return;
  $('refresh').addEventListener('click', loadAgreement);
  $('by').addEventListener('change', loadTable);
  await Promise.all([loadAgreement(), loadGroups().then(loadTable)]);
  setInterval(loadAgreement, 15000);
}

main();
