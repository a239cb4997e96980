// csp.mjs - the Content-Security-Policy of every hub page allows nothing from elsewhere, and
// Chromium enforces it: on each page (signed out and every page of the signed-in walk) the
// header's every directive names no other host, scheme or wildcard, and a script, style,
// image, frame, font, fetch and beacon aimed at another origin (a server of this test on
// another loopback port, counting what reaches it) are all refused: the server sees nothing.
import { createServer } from 'node:http';
import { env, run, newContext, signIn, walk, url, check, eq, fail, info } from './lib.mjs';

const elsewhere = { hits: 0, urls: [] };
const server = createServer((req, res) => { elsewhere.hits++; elsewhere.urls.push(req.url); res.end('x'); });
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const other = `http://127.0.0.1:${server.address().port}`;

// What a directive may list: keywords, hashes and nonces, and data: for images only.
function policyProblems(csp) {
  const out = [];
  if (!csp) return ['no Content-Security-Policy header'];
  const dirs = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [n, ...v] = d.split(/\s+/); return [n.toLowerCase(), v]; }));
  if ((dirs.get('default-src') || []).join(' ') !== "'none'") out.push(`default-src is not 'none': ${csp}`);
  if (!dirs.has('frame-ancestors')) out.push('no frame-ancestors');
  if (!dirs.has('form-action')) out.push('no form-action');
  for (const [n, vals] of dirs) {
    for (const v of vals) {
      const ok = /^'(none|self|unsafe-inline|strict-dynamic)'$/.test(v) || /^'(sha256|sha384|sha512|nonce)-[A-Za-z0-9+/=_-]+'$/.test(v)
        || (v === 'data:' && n === 'img-src');
      if (!ok) out.push(`${n} allows ${v}`);
      if (v === "'unsafe-inline'" && n.startsWith('script')) out.push(`${n} allows inline scripts`);
    }
  }
  return out;
}

async function probe(page, u) {
  const before = elsewhere.hits;
  const violations = await page.evaluate(async (o) => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const add = (tag, attrs) => { const el = document.createElement(tag); Object.assign(el, attrs); document.body.appendChild(el); };
    add('script', { src: `${o}/s.js` });
    add('link', { rel: 'stylesheet', href: `${o}/c.css` });
    add('img', { src: `${o}/i.png` });
    add('iframe', { src: `${o}/f.html` });
    const st = document.createElement('style');
    st.textContent = `@font-face{font-family:x;src:url(${o}/f.woff)} body{font-family:x}`;
    document.head.appendChild(st);
    try { await fetch(`${o}/fetch`); } catch {}
    try { navigator.sendBeacon(`${o}/beacon`, 'x'); } catch {}
    await new Promise((r) => setTimeout(r, 500));
    return seen;
  }, other);
  eq(elsewhere.hits - before, 0, `${u}: requests that reached another origin (${elsewhere.urls.join(' ')})`);
  for (const d of ['script-src-elem', 'img-src', 'connect-src', 'frame-src'])
    check(violations.includes(d), `${u}: Chromium reported no ${d} violation (saw ${violations.join(', ')})`);
}

await run('web.csp', async (browser) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const r = await page.goto(url('/dashboard'));
  for (const m of policyProblems(r.headers()['content-security-policy'])) fail(`/dashboard (signed out): ${m}`);
  await probe(page, '/dashboard (signed out)');
  await signIn(ctx, 'admin');
  const pages = await walk(ctx);
  for (const x of pages) {
    for (const m of policyProblems(x.headers['content-security-policy'])) fail(`${x.url}: ${m}`);
    await page.goto(x.url);
    await probe(page, x.url);
  }
  info(`checked the policy of ${pages.length + 1} pages against ${other}`);
  await ctx.close();
  server.close();
});
