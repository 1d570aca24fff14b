// The browser tests of `qcode serve`: Debian's chromium, headless, driven
// over the DevTools protocol by playwright-core. Run by
// tests/e2e/t1100-serve.sh, one scenario per call:
//
//   node serve.test.js SCENARIO URL [ARGS...]
//
// URL is the address qcode serve printed (with its token). A scenario
// exits 0 when every check holds, else prints what failed and exits 1.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.QCODE_CHROMIUM || '/usr/bin/chromium';
// what chromium needs on this machine: no sandbox (root), no GPU, and no
// connections of its own to the outside
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TIMEOUT = 20000;

function check(ok, what) {
  if (!ok) throw new Error(what);
}

function equal(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(what + ': got ' + JSON.stringify(got) + ', wanted ' + JSON.stringify(want));
}

async function launch() {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: TIMEOUT });
  } catch (e) {
    throw new Error('chromium cannot run here (' + CHROMIUM + '): ' + e.message.split('\n')[0]);
  }
}

// A page of a fresh browser context (its own cookies: another browser),
// signed in with the token; errors of the page's scripts fail the test.
async function openPage(browser, url, errors) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => errors.push('script error: ' + e.message));
  page.on('dialog', (d) => { errors.push('a dialog opened: ' + d.message()); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  await page.goto(url);
  return page;
}

async function nameSelf(page, coder, blind) {
  await page.waitForSelector('#name', { state: 'visible' });
  await page.fill('#name', coder);
  if (blind) await page.check('#blind');
  await page.click('#start');
  await page.waitForSelector('#themes li');
}

// Wait until the status line says saved (or not), after the action act().
async function saved(page, act) {
  const before = await page.$eval('#status', (s) => s.dataset.batch || '');
  await act();
  await page.waitForFunction((b) => {
    const s = document.getElementById('status');
    return (s.className === 'saved' && (s.dataset.batch || '') !== b) || s.className === 'bad' ||
      /^undone|^nothing/.test(s.textContent);
  }, before);
  const status = await page.$eval('#status', (s) => ({ cls: s.className, text: s.textContent }));
  check(status.cls === 'saved' || /^nothing/.test(status.text), 'not saved: ' + status.text);
  return status.text;
}

async function shownId(page) {
  return (await page.textContent('#meta .id')).replace(/^id /, '');
}

async function waitShown(page, id) {
  await page.waitForFunction((want) => {
    const e = document.querySelector('#meta .id');
    return e && e.textContent === 'id ' + want;
  }, id);
}

// A raw HTTP request, headers as given (for what a browser would not send).
function raw(url, opts) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, method: opts.method || 'GET', path: opts.path,
      headers: Object.assign({ Host: u.host }, opts.headers || {}), agent: false,
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(TIMEOUT, () => req.destroy(new Error('no answer to ' + opts.path)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

// The cookie and CSRF token of a new session, signed in without a browser.
async function signIn(url) {
  const u = new URL(url);
  const r = await raw(url, { path: '/' + u.search });
  check(r.status === 303, 'sign in: ' + r.status);
  const cookie = r.headers['set-cookie'][0].split(';')[0];
  const s = await raw(url, { path: '/api/session', headers: { Cookie: cookie } });
  return { cookie, csrf: JSON.parse(s.body).csrf, setCookie: r.headers['set-cookie'][0] };
}

const scenarios = {
  // Chromium starts and shows a page of the server.
  async probe(url) {
    const b = await launch();
    const errors = [];
    const page = await openPage(b, url, errors);
    await page.waitForSelector('#name-form');
    await b.close();
    equal(errors, [], 'errors');
  },

  // The review by keyboard alone, with the terminal review's keys.
  async keyboard(url) {
    const b = await launch();
    const errors = [];
    const page = await openPage(b, url, errors);
    await page.waitForSelector('#name', { state: 'visible' });
    await page.keyboard.type('alice');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#themes li');
    await waitShown(page, 'd37-01');
    const k = (key) => saved(page, () => page.keyboard.press(key));
    await k('x');                                  // no theme, and on
    await waitShown(page, 'd37-02');
    await page.keyboard.press('b');                // back
    await waitShown(page, 'd37-01');
    await k('2');                                  // kennis
    await saved(page, async () => { await page.keyboard.press('p'); await page.keyboard.press('3'); });
    equal(await page.$eval('#themes li[data-theme="prioriteit"] .primary-btn', (e) => e.getAttribute('aria-pressed')), 'true', 'primary shown');
    await page.keyboard.press('m');                // a note, for the next decision
    await page.keyboard.type('te breed');
    await page.keyboard.press('Escape');
    await k('a');                                  // accept, and on
    await waitShown(page, 'd37-02');
    equal(await page.inputValue('#note'), '', 'the note went with the decision');
    await k('x');
    await waitShown(page, 'd37-03');
    await k('u');                                  // undo: back to the answer
    await waitShown(page, 'd37-02');
    check(/^undone: the last decision on d37-02/.test(await page.textContent('#status')), 'undo said');
    await page.keyboard.press('/');                // search
    await page.keyboard.type('ratjetoe');
    await page.keyboard.press('Enter');
    await waitShown(page, 'd37-15');
    await saved(page, async () => { await page.keyboard.press('p'); await page.keyboard.press('5'); });
    // progress: two answers of the queue decided
    check(/^2 of \d+ decided by you$/.test(await page.textContent('#progress-text')), 'progress: ' + await page.textContent('#progress-text'));
    await page.keyboard.press('?');
    check(await page.isVisible('#help'), 'keys shown');
    await page.keyboard.press('Escape');
    check(!(await page.isVisible('#help')), 'keys closed');
    await b.close();
    equal(errors, [], 'errors');
  },

  // The review by mouse: buttons, the theme list, the history.
  async mouse(url) {
    const b = await launch();
    const errors = [];
    const page = await openPage(b, url, errors);
    await nameSelf(page, 'bob', false);
    await page.click('#next');
    await waitShown(page, 'd37-02');
    await page.click('#next');
    await waitShown(page, 'd37-03');
    // the evidence in the theme's colour, its rule named on hover
    const ev = await page.$$eval('#text mark.ev', (ms) => ms.map((m) => ({ cls: m.className, title: m.title, theme: m.dataset.theme })));
    check(ev.length > 0, 'evidence highlighted');
    for (const e of ev) {
      check(/^ev t\d+$/.test(e.cls), 'a theme colour: ' + e.cls);
      check(e.title.startsWith(e.theme + ': ') && e.title.length > e.theme.length + 2, 'rule named: ' + e.title);
    }
    await saved(page, () => page.click('#none'));
    await waitShown(page, 'd37-04');
    await page.click('#prev');
    await waitShown(page, 'd37-03');
    await saved(page, () => page.click('#themes li[data-theme="kennis"] .toggle'));
    equal(await page.$eval('#themes li[data-theme="kennis"] .toggle', (e) => e.getAttribute('aria-pressed')), 'true', 'kennis shown coded');
    await saved(page, () => page.click('#themes li[data-theme="regie"] .primary-btn'));
    await page.fill('#note', "bob's note");
    await saved(page, () => page.click('#accept'));
    await waitShown(page, 'd37-04');
    await saved(page, () => page.click('#undo'));
    await waitShown(page, 'd37-03');
    await page.click('#history-box summary');
    await page.waitForSelector('#history tbody tr');
    const rows = await page.$$eval('#history tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const undone = rows.filter((r) => r[6] === 'undone').map((r) => r[1] + ' ' + r[2]);
    equal(undone, ['accept ', 'add kennis', 'add regie', 'primary regie'], 'history: the undone accept');
    check(rows.every((r) => r[3] === 'bob'), 'history: bob only');
    // a queue by mouse, and by theme
    await page.click('#queue-list button[data-queue="multi"]');
    await page.waitForFunction(() => /\(multi\)$/.test(document.getElementById('pos').textContent));
    await page.selectOption('#theme-filter', 'wetgeving');
    await page.waitForFunction(() => document.querySelector('#queue-list button.here .count'));
    const counts = await page.$$eval('#queue-list button', (bs) => bs.map((x) => x.dataset.queue + ' ' + x.querySelector('.count').textContent));
    check(counts.length === 6 && counts[0].startsWith('all '), 'queue counts: ' + counts);
    await b.close();
    equal(errors, [], 'errors');
  },

  // Two coders at once, each in a browser of their own, blind, on the same
  // seeded sample; then their agreement as qcode eval computes it.
  async twocoders(url) {
    const b = await launch();
    const errors = [];
    const pages = [await openPage(b, url, errors), await openPage(b, url, errors)];
    const coders = ['carla', 'dirk'];
    await Promise.all(pages.map((p, i) => nameSelf(p, coders[i], true)));
    for (const p of pages) {
      await p.fill('#sample', '6');
      await p.fill('#seed', '3');
      await p.click('#take-sample');
      await p.waitForFunction(() => / \/ 6 {2}\(all\)$/.test(document.getElementById('pos').textContent));
      // blind: no machine codes, no evidence, no quotes
      equal(await p.$$eval('#themes .machine', (e) => e.length), 0, 'machine codes hidden');
      equal(await p.$$eval('#text mark', (e) => e.length), 0, 'evidence hidden');
      check(await p.$eval('#queue-list button[data-queue="quotes"]', (e) => e.disabled), 'no quotes queue');
    }
    // both code the sample at the same time: carla theme (i % 3) + 1, dirk (i % 2) + 1
    const code = async (p, c) => {
      for (let i = 0; i < 6; i++) {
        const id = await shownId(p);
        // what the other has decided is not shown
        equal(await p.$$eval('#themes .toggle[aria-pressed="true"]', (e) => e.length), 0, c + ' sees nothing coded on ' + id);
        const key = String((c === 'carla' ? i % 3 : i % 2) + 1);
        await saved(p, () => p.keyboard.press(key));
        await saved(p, () => p.keyboard.press('a'));
        if (i < 5) await p.waitForFunction((old) => document.querySelector('#meta .id').textContent !== 'id ' + old, id);
      }
    };
    await Promise.all([code(pages[0], 'carla'), code(pages[1], 'dirk')]);
    equal(await pages[0].textContent('#progress-text'), '6 of 6 decided by you', 'carla done');
    equal(await pages[1].textContent('#progress-text'), '6 of 6 decided by you', 'dirk done');
    await b.close();
    equal(errors, [], 'errors');
  },

  // The agreement page, figure by figure against qcode eval's output.
  async agreement(url, evalFile) {
    const b = await launch();
    const errors = [];
    const ag = await openPage(b, new URL('/agree', url).href + new URL(url).search, errors);
    await ag.waitForSelector('#pairs tbody tr.pick');
    const row = await ag.$('#pairs tbody tr[data-a="carla"][data-b="dirk"]');
    check(row, 'the pair carla-dirk');
    await row.click();
    await ag.waitForFunction(() => /carla against dirk/.test(document.getElementById('detail-title').textContent));
    const cells = await row.$$eval('td', (tds) => tds.map((t) => t.textContent));
    const ev = fs.readFileSync(evalFile, 'utf8');
    check(ev.includes('Agreement of dirk with carla: 6 answers'), 'eval compared 6');
    const macro = /macro F1 (\S+)/.exec(ev)[1], micro = /micro F1 (\S+)/.exec(ev)[1];
    equal([cells[2], cells[3], cells[4]], ['6', macro, micro], 'answers, macro and micro F1');
    const prim = /primary theme: (\d+) of (\d+) answers? with a carla primary agree \(accuracy (\S+)\); kappa (\S+), Krippendorff's alpha (\S+)/.exec(ev);
    equal([cells[5], cells[6], cells[7]], [prim[1] + ' of ' + prim[2] + ' (' + prim[3] + ')', prim[4], prim[5]], 'primary');
    const detail = await ag.$$eval('#detail tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const toks = (s) => s.replace(/[[\],]/g, ' ').trim().split(/\s+/).filter(Boolean);
    for (const d of detail) {
      const line = ev.split('\n').find((l) => l.startsWith(d[0] + ' '));
      check(line, 'eval has theme ' + d[0]);
      const e = toks(line);
      // theme gold coded TP FP FN prec recall F1 [CI] kappa [CI] alpha
      const page = [d[0], d[1], d[3], d[2], ...toks(d.slice(4).join(' '))];
      equal(page, [e[0], e[3], e[4], e[5], ...e.slice(6)], 'theme ' + d[0]);
    }
    await b.close();
    equal(errors, [], 'errors');
  },

  // A picture of each page, for the README.
  async screenshots(url, dir) {
    const b = await launch();
    const errors = [];
    const page = await openPage(b, url, errors);
    await nameSelf(page, 'emma', false);
    await page.click('#queue-list button[data-queue="multi"]');
    await page.waitForFunction(() => /\(multi\)$/.test(document.getElementById('pos').textContent));
    await page.fill('#search', 'privacywetgeving blokkeert');
    await page.press('#search', 'Enter');
    await page.waitForFunction(() => /privacywetgeving/.test(document.getElementById('text').textContent));
    await page.waitForSelector('#text mark.ev');
    await saved(page, () => page.keyboard.press('2'));
    await page.hover('#text mark.ev');
    await page.screenshot({ path: path.join(dir, 'serve-review.png') });
    await page.goto(new URL('/quotes', url).href);
    await page.waitForSelector('.theme-quotes blockquote');
    await page.screenshot({ path: path.join(dir, 'serve-quotes.png') });
    // the appendix downloads
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#dl-html')]);
    const file = await dl.path();
    const html = fs.readFileSync(file, 'utf8');
    check(/<h2[^>]*>/.test(html) && html.includes('blockquote'), 'the appendix has its quotes');
    equal(dl.suggestedFilename(), 'appendix.html', 'its name');
    await page.goto(new URL('/agree', url).href);
    await page.waitForSelector('#crosstab tbody tr');
    await page.selectOption('#by', 'heading');
    await page.waitForFunction(() => document.querySelectorAll('#crosstab thead th').length > 2);
    await page.waitForFunction(() => document.getElementById('chart').complete && document.getElementById('chart').naturalWidth > 0);
    await page.screenshot({ path: path.join(dir, 'serve-agree.png'), fullPage: true });
    await b.close();
    equal(errors, [], 'errors');
  },

  // Every refusal tried.
  async refusals(url, hostileId) {
    const u = new URL(url);
    const root = u.origin;
    // no token, a wrong token
    let r = await raw(url, { path: '/' });
    equal(r.status, 403, 'no token');
    equal(r.body, "qcode serve: refused: no token; open the address 'qcode serve' printed (it ends in ?token=...)\n", 'no token: said');
    r = await raw(url, { path: '/api/session' });
    equal(r.status, 403, 'no token: api');
    r = await raw(url, { path: '/static/review.js' });
    equal(r.status, 403, 'no token: static');
    r = await raw(url, { path: '/?token=' + u.searchParams.get('token').replace(/.$/, (c) => (c === '0' ? '1' : '0')) });
    equal(r.status, 403, 'wrong token');
    // the cookie: HttpOnly, SameSite=Strict
    const s = await signIn(url);
    check(/; HttpOnly/.test(s.setCookie) && /; SameSite=Strict/.test(s.setCookie), 'cookie flags: ' + s.setCookie);
    // another Host (DNS rebinding), with a good cookie
    r = await raw(url, { path: '/api/session', headers: { Cookie: s.cookie, Host: 'rebind.example:' + u.port } });
    equal(r.status, 403, 'wrong Host');
    equal(r.body, 'qcode serve: refused: this server answers to its own address only (Host)\n', 'wrong Host: said');
    // a change without the CSRF token, from another origin, as a GET
    const decision = JSON.stringify({ id: 1, ops: [{ action: 'none' }] });
    r = await raw(url, { method: 'POST', path: '/api/decide', body: decision,
      headers: { Cookie: s.cookie, 'Content-Type': 'application/json' } });
    equal(r.status, 403, 'no CSRF token');
    r = await raw(url, { method: 'POST', path: '/api/decide', body: decision,
      headers: { Cookie: s.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf, Origin: 'http://evil.example' } });
    equal(r.status, 403, 'another origin');
    r = await raw(url, { method: 'POST', path: '/api/decide', body: decision,
      headers: { Cookie: s.cookie, 'Content-Type': 'text/plain', 'X-CSRF-Token': s.csrf } });
    equal(r.status, 415, 'a form post');
    r = await raw(url, { path: '/api/decide?id=1', headers: { Cookie: s.cookie } });
    equal(r.status, 405, 'a GET that would change');
    // ../ in a path, raw and escaped
    for (const p of ['/static/../review.html', '/static/../../../../etc/passwd', '/static/%2e%2e/%2e%2e/etc/passwd',
      '/static/..%2f..%2fetc%2fpasswd', '/../../etc/passwd']) {
      r = await raw(url, { path: p, headers: { Cookie: s.cookie } });
      equal(r.status, 404, p);
      check(!r.body.includes('root:'), p + ': no file');
    }
    // an oversized body, oversized headers
    r = await raw(url, { method: 'POST', path: '/api/decide', body: 'x'.repeat(200 * 1024),
      headers: { Cookie: s.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf } }).catch((e) => ({ status: 'closed: ' + e.code }));
    equal(r.status, 413, 'oversized body');
    r = await raw(url, { path: '/api/session', headers: { Cookie: s.cookie, 'X-Padding': 'y'.repeat(40 * 1024) } }).catch((e) => ({ status: 'closed: ' + e.code }));
    check(r.status === 431 || r.status === 413, 'oversized headers: ' + r.status);
    // the browser: the page's policy, its cookie out of script's reach, a
    // change without the CSRF token, and an answer with markup in it
    const b = await launch();
    const errors = [];
    const page = await openPage(b, url, errors);
    const resp = await page.goto(root + '/');
    const csp = resp.headers()['content-security-policy'];
    check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), 'CSP: ' + csp);
    await nameSelf(page, 'frank', false);
    equal(await page.evaluate(() => document.cookie), '', 'the cookie is HttpOnly');
    const st = await page.evaluate(async (body) => (await fetch('/api/decide', {
      method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).status, decision);
    equal(st, 403, 'a change from the page without its CSRF token');
    await page.fill('#search', 'pwned');
    await page.press('#search', 'Enter');
    await page.waitForFunction(() => /<script>/.test(document.getElementById('text').textContent));
    const text = await page.textContent('#text');
    check(text.includes('<script>window.__pwned = 1</script>') && text.includes('<img src=x onerror="window.__pwned = 2">'), 'markup shown as text: ' + text);
    equal(await page.evaluate(() => window.__pwned), undefined, 'no script of the answer ran');
    equal(await page.$$eval('#text script, #text img, #meta script, #meta img', (e) => e.length), 0, 'no element made of the answer');
    equal(await page.textContent('#meta .id'), 'id ' + hostileId, 'its id as text');
    await b.close();
    // a script of the page that failed on the CSP would show here
    equal(errors.filter((e) => !/403/.test(e)), [], 'errors');
  },

  // A bounded burst of concurrent requests: every one answered, every decision kept.
  async burst(url, n) {
    n = Number(n);
    const s = await signIn(url);
    await raw(url, { method: 'POST', path: '/api/session', body: JSON.stringify({ coder: 'burst' }),
      headers: { Cookie: s.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf } });
    const reqs = [];
    for (let i = 0; i < n; i++) {
      const id = 1 + (i % 20);
      if (i % 2)
        reqs.push(raw(url, { path: '/api/answer?id=' + id, headers: { Cookie: s.cookie } }));
      else
        reqs.push(raw(url, { method: 'POST', path: '/api/decide', body: JSON.stringify({ id, ops: [{ action: 'add', theme: 'wetgeving' }], note: 'burst ' + i }),
          headers: { Cookie: s.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf } }));
    }
    const res = await Promise.all(reqs);
    const bad = res.map((r, i) => i + ': ' + r.status).filter((x, i) => res[i].status !== 200);
    equal(bad, [], 'every request answered');
    const batches = res.filter((r, i) => i % 2 === 0).map((r) => JSON.parse(r.body).batch);
    equal(new Set(batches).size, n / 2, 'a batch each');
  },

  // kill -9 of the server while decisions are under way: what the page
  // said was saved must be in the log; the page says what was not.
  async kill(url, pid, outFile) {
    const b = await launch();
    const errors = [];
    const page = await openPage(b, url, errors);
    await nameSelf(page, 'gina', false);
    await page.evaluate(() => {
      window.statuses = [];
      new MutationObserver(() => window.statuses.push(document.getElementById('status').textContent))
        .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });
    });
    // keys pressed without waiting: toggles and moves, one after the other
    const keys = [];
    for (let i = 0; i < 40; i++) keys.push(String(1 + (i % 6)), i % 3 === 2 ? 'n' : String(1 + ((i + 2) % 6)));
    let killed = false;
    for (const k of keys) {
      await page.keyboard.press(k);
      if (!killed && (await page.evaluate(() => window.statuses.filter((s) => s.startsWith('saved: ')).length)) >= 12) {
        process.kill(Number(pid), 'SIGKILL');
        killed = true;
      }
    }
    check(killed, 'the server was killed mid-review');
    await page.waitForFunction(() => window.statuses.some((s) => s.startsWith('NOT SAVED')));
    // let the queued keys settle
    await page.waitForTimeout(500);
    const statuses = await page.evaluate(() => window.statuses);
    const savedBatches = statuses.map((s) => /^saved: .* \(decision (\d+)\)$/.exec(s)).filter(Boolean).map((m) => m[1]);
    check(savedBatches.length >= 12, 'decisions saved before the kill');
    check(/^NOT SAVED: .* the server did not answer/.test(await page.textContent('#status')), 'the page says not saved: ' + await page.textContent('#status'));
    fs.writeFileSync(outFile, [...new Set(savedBatches)].join('\n') + '\n');
    await b.close();
    equal(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET/.test(e)), [], 'errors');
  },
};

(async () => {
  const [name, url, ...args] = process.argv.slice(2);
  const fn = scenarios[name];
  if (!fn) {
    console.error('serve.test.js: no scenario ' + name + ' (' + Object.keys(scenarios).join(', ') + ')');
    process.exit(2);
  }
  const guard = setTimeout(() => { console.error(name + ': still running after 120 s'); process.exit(1); }, 120000);
  try {
    await fn(url, ...args);
  } catch (e) {
    console.error(name + ': ' + e.message);
    process.exit(1);
  }
  clearTimeout(guard);
})();
