// lib.mjs - what every browser test shares: the fixture's state (env.json from fixture.sh), the
// one Chromium it started (over its DevTools port on loopback), signing in, walking the hub's
// pages, and a small check/report vocabulary. A test is `node TEST.mjs STATE`; exit 0 passes,
// 1 fails, 77 skips (the fixture found no browser or driver; CI never skips).
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const state = process.argv[2];
if (!state) { console.error('usage: node TEST.mjs STATE_DIR'); process.exit(2); }
if (existsSync(join(state, 'skip'))) {
  console.log(`web: skipped, missing: ${readFileSync(join(state, 'skip'), 'utf8').trim()}`);
  process.exit(77);
}
export const env = JSON.parse(readFileSync(join(state, 'env.json'), 'utf8'));
const { chromium } = await import(join(here, 'node_modules/playwright-core/index.mjs'));

let failures = 0;
export function fail(msg) { failures++; console.error(`FAIL: ${msg}`); }
export function check(cond, msg) { if (!cond) fail(msg); return !!cond; }
export function eq(got, want, msg) {
  if (got !== want) fail(`${msg}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  return got === want;
}
export function info(msg) { console.log(msg); }

// run(name, fn): connects to the fixture's browser, runs fn(browser), reports and exits.
export async function run(name, fn) {
  const t0 = Date.now();
  let browser;
  try {
    browser = await chromium.connectOverCDP(env.cdp, { timeout: 30000 });
    await fn(browser);
  } catch (e) {
    fail(`${name}: ${e && e.stack ? e.stack : e}`);
  } finally {
    // Closes the contexts this test made; the browser itself stays for the next test.
    if (browser) await browser.close().catch(() => {});
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (failures) { console.error(`${name}: ${failures} failure(s) (${s} s)`); process.exit(1); }
  console.log(`${name}: ok (${s} s)`);
  process.exit(0);
}

// A fresh browser context (its own cookies) at the laptop size, in Finnish.
export async function newContext(browser, opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fi-FI', ...opts });
  ctx.setDefaultTimeout(20000);
  return ctx;
}

export const url = (path) => new URL(path, env.origin).href;

// Signs a context in: with a user name and password when this hub has accounts (the sign-in
// form's password field), else with the coordinator token the fixture's `init` printed.
// who: 'admin' | 'coordinator'. Returns the page, left on the page after signing in.
export async function signIn(ctx, who = 'admin') {
  const page = await ctx.newPage();
  await page.goto(url('/dashboard'));
  if (env.accounts) {
    const acct = env[who];
    await page.locator('input[name="user"], input[name="username"], input[autocomplete="username"]').first().fill(acct.user);
    await page.locator('input[type="password"]').first().fill(acct.password);
  } else {
    if (who !== 'admin') throw new Error('this hub has no accounts: only the coordinator token signs in');
    await page.locator('input[name="token"]').fill(env.token);
  }
  await Promise.all([page.waitForLoadState('load'), page.locator('form button, form [type="submit"]').first().click()]);
  await page.waitForLoadState('load');
  if (await page.locator('input[type="password"]').count())
    throw new Error(`sign-in as ${who} did not take: still on ${page.url()}`);
  return page;
}

// Links that change state (sign-out, the language switch) or lead out of the HTML pages (exports,
// the API) are not followed by the walk; tests that need another language switch it themselves.
const SKIP_LINK = /sign-?out|log-?out|^\/lang(\?|$)|\.csv(\?|$)|\.ics(\?|$)|\/api\/|\/export/i;

// walk(ctx, starts, limit): every hub page reachable from the start pages by same-origin links
// (GET, HTML only, at most 3 variants of one path, 2 pages of one shape), as [{url, status, headers}]. The walk is
// what keeps the page checks complete as pages land: a new page linked from anywhere is in it.
export async function walk(ctx, starts = ['/dashboard'], limit = 150) {
  const seen = new Set(), perPath = new Map(), out = [];
  const queue = starts.map((s) => url(s));
  const page = await ctx.newPage();
  while (queue.length && out.length < limit) {
    const u = queue.shift();
    if (seen.has(u)) continue;
    seen.add(u);
    const p = new URL(u).pathname;
    if ((perPath.get(p) || 0) >= 3) continue;
    // One item's page is like the next: at most 2 of /edit/SITE/KIND/ID (and any path of 4 or
    // more segments) per shape, so a site with many services keeps the walk short.
    const segs = p.split('/').filter(Boolean);
    const shape = segs.length >= 4 ? '/' + segs.slice(0, -1).join('/') + '/*' : null;
    if (shape && (perPath.get(shape) || 0) >= 2) continue;
    if (shape) perPath.set(shape, (perPath.get(shape) || 0) + 1);
    // Look before loading: only HTML pages go to the browser (exports would download).
    const head = await ctx.request.get(u, { maxRedirects: 0, failOnStatusCode: false });
    const ct = head.headers()['content-type'] || '';
    if (!ct.startsWith('text/html')) continue;
    const resp = await page.goto(u);
    if (!resp) { fail(`${u}: no response`); continue; }
    if (new URL(page.url()).origin !== env.origin) { fail(`${u} led to ${page.url()}`); continue; }
    perPath.set(p, (perPath.get(p) || 0) + 1);
    out.push({ url: page.url(), status: resp.status(), headers: await resp.allHeaders() });
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const h of hrefs) {
      let n;
      try { n = new URL(h); } catch { continue; }
      n.hash = '';
      if (n.origin !== env.origin || SKIP_LINK.test(n.pathname + n.search)) continue;
      if (!seen.has(n.href)) queue.push(n.href);
    }
  }
  await page.close();
  return out;
}

// The axe-core source, injected through DevTools (not a <script>, which the CSP would refuse).
export const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

// axe(page): the serious and critical violations of WCAG 2.1 A/AA rules on the page as it is.
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(vs) {
  return vs.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')).join('\n');
}

// hubsql(query): rows of a read-only query on the fixture hub's SQLite database, as text lines
// (a check beside what the pages say; the pages themselves never read it).
import { execFileSync } from 'node:child_process';
export function hubsql(q) {
  return execFileSync('sqlite3', ['-batch', '-noheader', '-readonly', '-cmd', '.timeout 5000', env.db, q], { encoding: 'utf8' }).trim();
}
