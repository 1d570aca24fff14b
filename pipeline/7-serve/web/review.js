// qcode serve: the review page -- the queues, an answer with its evidence,
// and decisions by key or by mouse, each one saved before it is shown as
// saved.
'use strict';

const $ = (id) => document.getElementById(id);

const st = {
  queue: 'all',      // the queue shown
  theme: '',         // only answers coded with this theme
  sample: '',        // a seeded sample of this many
  seed: '1',
  ids: [],           // the queue's answers (database ids)
  decided: [],       // decided[i]: this coder has decided answer i
  themeOf: null,     // quotes queue: the theme each answer is a candidate for
  pos: 0,
  view: null,        // the answer shown
  pendingP: false,   // 'p' pressed: a theme number follows
  chain: Promise.resolve(), // decisions, one after the other
  queueStamp: 0,
};

function filters() {
  return { theme: st.theme, sample: st.sample, seed: st.sample ? st.seed : '' };
}

function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = kind || '';
}

// ---- naming ----

function showNaming() {
  $('review').hidden = true;
  $('naming').hidden = false;
  $('name').value = qc.session.coder || localStorage.getItem('qcode-coder') || '';
  $('blind').checked = qc.session.blind;
  $('blind').disabled = qc.session.blind_forced;
  $('name').focus();
}

async function submitName(ev) {
  ev.preventDefault();
  const r = await qc.post('/api/session', { coder: $('name').value.trim(), blind: $('blind').checked });
  if (!r.ok) {
    $('name-error').textContent = r.data.error;
    return;
  }
  qc.session = r.data;
  localStorage.setItem('qcode-coder', qc.session.coder);
  qc.showWho();
  $('naming').hidden = true;
  startReview();
}

// ---- queues ----

async function loadQueues() {
  const r = await qc.get('/api/queues', filters());
  const list = $('queue-list');
  list.replaceChildren();
  if (!r.ok) return setStatus(r.data.error, 'bad');
  for (const q of r.data.queues) {
    const b = qc.el('button', {
      type: 'button', 'data-queue': q.name, class: q.name === st.queue ? 'here' : '',
      disabled: q.count === null,
      title: q.count === null ? 'not in blind review' : '',
      onclick: () => switchQueue(q.name),
    }, qc.el('span', { text: q.name }), qc.el('span', { class: 'count', text: q.count === null ? '-' : String(q.count) }));
    list.append(qc.el('li', {}, b));
  }
}

async function loadQueue(keepId) {
  const stamp = ++st.queueStamp;
  const r = await qc.get('/api/queue', Object.assign({ queue: st.queue }, filters()));
  if (stamp !== st.queueStamp) return;
  if (!r.ok) return setStatus(r.data.error, 'bad');
  st.ids = r.data.ids;
  st.decided = r.data.decided;
  st.themeOf = r.data.theme_of || null;
  if (keepId !== undefined) {
    const i = st.ids.indexOf(keepId);
    st.pos = i >= 0 ? i : Math.min(st.pos, Math.max(st.ids.length - 1, 0));
  } else if (st.pos >= st.ids.length) {
    st.pos = 0;
  }
  $('not-quote').hidden = !st.themeOf;
  progress();
  if (!st.ids.length) {
    st.view = null;
    $('pos').textContent = 'the queue \u2018' + st.queue + '\u2019 is empty';
    $('meta').replaceChildren();
    $('text').replaceChildren();
    $('themes').replaceChildren();
    return;
  }
  await loadAnswer();
}

function progress() {
  const done = st.decided.filter(Boolean).length;
  $('progress').max = Math.max(st.ids.length, 1);
  $('progress').value = done;
  $('progress-text').textContent = done + ' of ' + st.ids.length + ' decided by you';
}

// ---- the answer ----

async function loadAnswer() {
  const id = st.ids[st.pos];
  const r = await qc.get('/api/answer', { id });
  if (!r.ok) return setStatus(r.data.error, 'bad');
  show(r.data);
}

function show(view) {
  st.view = view;
  const th = qc.session.themes;
  $('pos').textContent = (st.pos + 1) + ' / ' + st.ids.length + '  (' + st.queue + ')';
  const meta = [qc.el('span', { class: 'id', text: 'id ' + view.ext_id })];
  for (const a of view.attrs) meta.push('  ', qc.el('span', { text: a.name + ': ' + a.value }));
  if (st.themeOf) meta.push('  ', qc.el('span', { class: 'quote-for', text: 'quote for: ' + th[st.themeOf[st.pos]].key }));
  if (view.decided) meta.push('  ', qc.el('span', { class: 'reviewed', text: '(reviewed)' }));
  $('meta').replaceChildren(...meta);
  // the text, its evidence highlighted in its theme's colour, the rule named on hover
  $('text').replaceChildren(...view.pieces.map((p) => p.theme >= 0
    ? qc.el('mark', { class: 'ev t' + (p.theme % 12), title: p.rules || th[p.theme].key, 'data-theme': th[p.theme].key }, p.t)
    : document.createTextNode(p.t)));
  const items = th.map((t, i) => {
    const coded = !!view.coded[i];
    const li = qc.el('li', { 'data-theme': t.key },
      qc.el('button', {
        type: 'button', class: 'toggle', 'aria-pressed': String(coded), title: (coded ? 'remove ' : 'add ') + t.key,
        onclick: () => toggle(i),
      }, i < 9 ? String(i + 1) : '\u00b7'),
      qc.el('span', { class: 'swatch t' + (i % 12) }),
      qc.el('span', { class: 'key', text: t.key }),
      qc.el('button', {
        type: 'button', class: 'primary-btn', 'aria-pressed': String(view.primary === i),
        title: 'make ' + t.key + ' the primary theme', onclick: () => primary(i),
      }, view.primary === i ? 'primary' : 'make primary'),
      view.machine && view.machine[i]
        ? qc.el('span', { class: 'machine', text: 'machine ' + view.score[i] + (view.machine_primary === i ? '*' : '') })
        : null,
      qc.el('span', { class: 'label', text: t.label }));
    return li;
  });
  $('themes').replaceChildren(...items);
  if ($('history-box').open) loadHistory();
}

async function loadHistory() {
  if (!st.view) return;
  const r = await qc.get('/api/history', { id: st.view.id });
  if (!r.ok) return;
  $('history').tBodies[0].replaceChildren(...r.data.rows.map((row) => qc.el('tr', { class: row.status },
    ...['decision', 'action', 'theme', 'coder', 'at', 'note', 'status'].map((k) => qc.el('td', { text: row[k] })))));
}

// Run fn after every action before it: keys act in the order they were pressed.
function later(fn) {
  st.chain = st.chain.then(fn).catch((e) => setStatus('error: ' + e, 'bad'));
  return st.chain;
}

function go(delta) {
  return later(async () => {
    const pos = st.pos + delta;
    if (!st.ids.length || pos < 0) return;
    if (pos >= st.ids.length) return setStatus('the end of the queue', '');
    st.pos = pos;
    await loadAnswer();
  });
}

function switchQueue(queue) {
  return later(async () => {
    if (queue) st.queue = queue;
    st.pos = 0;
    await loadQueues();
    await loadQueue();
  });
}

// ---- decisions ----

// Decide on the answer shown, after the decisions before it are answered;
// ops(view) gives what to send, from the answer as it then is.
function decide(ops, what, advance) {
  return later(async () => {
    const view = st.view;
    if (!view) return;
    const list = ops(view);
    if (!list) return;
    const note = $('note').value;
    setStatus('saving: ' + what + ' \u2026', '');
    const r = await qc.post('/api/decide', { id: view.id, ops: list, note: note || null, rev: view.rev });
    if (!r.ok || !r.data.saved) {
      setStatus('NOT SAVED: ' + what + ' \u2014 ' + (r.data.error || 'error ' + r.status), 'bad');
      if (r.data.view && st.view && st.view.id === r.data.view.id) show(r.data.view);
      return;
    }
    $('note').value = '';
    $('status').dataset.batch = r.data.batch;
    setStatus('saved: ' + what + ' (decision ' + r.data.batch + ')', 'saved');
    const i = st.ids.indexOf(view.id);
    if (i >= 0) st.decided[i] = true;
    progress();
    if (st.themeOf) {
      // the quotes queue changes with every decision
      await loadQueue(view.id);
    } else if (st.view && st.view.id === view.id) {
      show(r.data.view);
    }
    if (advance && st.pos + 1 < st.ids.length && st.ids[st.pos] === view.id) {
      st.pos++;
      await loadAnswer();
    }
  });
}

function toggle(i) {
  const key = qc.session.themes[i].key;
  return decide((v) => [{ action: v.coded[i] ? 'remove' : 'add', theme: key }],
    (st.view && st.view.coded[i] ? 'removed ' : 'added ') + key);
}

function primary(i) {
  const key = qc.session.themes[i].key;
  return decide(() => [{ action: 'primary', theme: key }], key + ' is the primary theme');
}

function accept() { return decide(() => [{ action: 'accept' }], 'accepted', true); }
function none() { return decide(() => [{ action: 'none' }], 'no theme', true); }

function notQuote() {
  if (!st.themeOf) return;
  const t = qc.session.themes[st.themeOf[st.pos]].key;
  return decide(() => [{ action: 'remove', theme: t }], (st.view ? st.view.ext_id : '') + ' is not about ' + t + '; the next candidate takes its place');
}

function undo() {
  return later(async () => {
    const r = await qc.post('/api/undo', {});
    if (!r.ok) return setStatus('NOT UNDONE \u2014 ' + r.data.error, 'bad');
    if (!r.data.undone) return setStatus('nothing to undo', '');
    setStatus('undone: the last decision on ' + r.data.view.ext_id, 'saved');
    await loadQueue(r.data.id);
  });
}

// ---- search ----

function search(ev) {
  ev.preventDefault();
  const q = $('search').value;
  $('search').blur();
  if (q) later(() => find(q));
}

async function find(q) {
  const r = await qc.get('/api/search', Object.assign({ q, queue: st.queue }, filters()));
  if (!r.ok) return setStatus(r.data.error, 'bad');
  const ps = r.data.positions;
  if (!ps.length) return setStatus('\u2018' + q + '\u2019 is not in this queue', '');
  const next = ps.find((p) => p > st.pos);
  st.pos = next !== undefined ? next : ps[0];
  setStatus('found \u2018' + q + '\u2019', '');
  await loadAnswer();
}

// ---- keys: those of the terminal review ----

function onKey(ev) {
  const tag = ev.target.tagName;
  if (ev.key === 'Escape') {
    $('help').hidden = true;
    if (tag === 'INPUT') ev.target.blur();
    if (st.pendingP) { st.pendingP = false; setStatus('', ''); }
    return;
  }
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if ($('review').hidden) return;
  const k = ev.key;
  if (st.pendingP) {
    st.pendingP = false;
    const i = k >= '1' && k <= '9' ? k.charCodeAt(0) - 49 : -1;
    if (i >= 0 && i < qc.session.themes.length) primary(i);
    else setStatus('p needs a theme number', '');
    ev.preventDefault();
    return;
  }
  const handled = () => ev.preventDefault();
  if (k >= '1' && k <= '9') {
    const i = k.charCodeAt(0) - 49;
    if (i < qc.session.themes.length) toggle(i);
    return handled();
  }
  switch (k) {
  case 'p':
    st.pendingP = true;
    setStatus('primary: which theme (1-' + Math.min(9, qc.session.themes.length) + ')?', '');
    return handled();
  case 'a': accept(); return handled();
  case 'x': none(); return handled();
  case 'r': notQuote(); return handled();
  case 'u': undo(); return handled();
  case 'n': case 'ArrowRight': go(1); return handled();
  case 'b': case 'ArrowLeft': go(-1); return handled();
  case '/': $('search').focus(); return handled();
  case 'm': $('note').focus(); return handled();
  case '?': $('help').hidden = !$('help').hidden; return handled();
  }
}

// ---- start ----

async function startReview() {
  $('review').hidden = false;
  const sel = $('theme-filter');
  sel.replaceChildren(qc.el('option', { value: '' }, 'every theme'),
    ...qc.session.themes.map((t) => qc.el('option', { value: t.key }, t.key)));
  await switchQueue();
}

async function main() {
  const s = await qc.start();
  if (!s) return;
  $('name-form').addEventListener('submit', submitName);
  $('rename').addEventListener('click', showNaming);
  $('prev').addEventListener('click', () => go(-1));
  $('next').addEventListener('click', () => go(1));
  $('accept').addEventListener('click', accept);
  $('none').addEventListener('click', none);
  $('not-quote').addEventListener('click', notQuote);
  $('undo').addEventListener('click', undo);
  $('keys').addEventListener('click', () => { $('help').hidden = !$('help').hidden; });
  $('search-form').addEventListener('submit', search);
  $('history-box').addEventListener('toggle', () => { if ($('history-box').open) loadHistory(); });
  $('theme-filter').addEventListener('change', () => { st.theme = $('theme-filter').value; switchQueue(); });
  $('take-sample').addEventListener('click', () => {
    st.sample = $('sample').value;
    st.seed = $('seed').value || '1';
    switchQueue();
  });
  document.addEventListener('keydown', onKey);
  if (!s.coder) showNaming();
  else startReview();
}

main();
