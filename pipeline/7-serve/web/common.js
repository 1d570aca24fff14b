// qcode serve: what the three pages share -- the session, the API, and
// building elements. Text from the project (answers, ids, names, notes)
// only ever reaches the page as textContent: never as HTML.
'use strict';

const qc = {
  session: null,

  // A GET of the API: {ok, status, data}; data is the JSON, or {error}.
  async get(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {}))
      if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const url = q.toString() ? path + '?' + q : path;
    return qc.fetchJson(url, { credentials: 'same-origin' });
  },

  // A POST of JSON with the session's CSRF token.
  async post(path, body) {
    return qc.fetchJson(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': qc.session ? qc.session.csrf : '' },
      body: JSON.stringify(body || {}),
    });
  },

  async fetchJson(url, opts) {
    let r;
    try {
      r = await fetch(url, opts);
    } catch (e) {
      return { ok: false, status: 0, data: { error: 'the server did not answer (is qcode serve still running?)' } };
    }
    let data;
    try {
      data = await r.json();
    } catch (e) {
      data = { error: (r.status === 403 ? 'refused: ' : 'error ' + r.status + ': ') + 'open the address qcode serve printed' };
    }
    return { ok: r.ok, status: r.status, data };
  },

  // An element with attributes and children (strings become text nodes).
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  },

  // A figure as eval prints it: three decimals, '-' where undefined.
  fix(x) {
    if (x === null || x === undefined) return '-';
    const s = Number(x).toFixed(3);
    return s === '-0.000' ? '0.000' : s; // no negative zero, as eval prints none
  },

  // The session (coder, blind, CSRF token, themes); shows who codes in the bar.
  async start() {
    const r = await qc.get('/api/session');
    if (!r.ok) {
      document.body.replaceChildren(qc.el('p', { class: 'panel error', text: r.data.error || 'refused' }));
      return null;
    }
    qc.session = r.data;
    qc.showWho();
    return qc.session;
  },

  showWho() {
    const who = document.getElementById('who');
    if (!who) return;
    const s = qc.session;
    who.textContent = s.coder ? 'coder: ' + s.coder + (s.blind ? ' (blind)' : '') : 'no coder named yet';
  },
};
