// pages.mjs - every hub page loads in real Chromium: signed out, /dashboard leads to the sign-in form
// (a 303 to /sign-in); signed in, the walk from /dashboard reaches each site's page and every page answers
// 200 over HTTPS with the test CA's certificate, has a language, a title and one h1, logs no
// error, loads nothing from another origin, and fits 1280x800 and a portrait tablet (800x1280)
// without sideways scrolling; every cookie it sets is HttpOnly, Secure and SameSite=Strict.
import { env, run, newContext, signIn, walk, url, check, eq, fail, info } from './lib.mjs';

async function pageChecks(page, u) {
  const lang = await page.getAttribute('html', 'lang');
  check(lang && /^[a-z]{2}/.test(lang), `${u}: <html> has no lang`);
  check((await page.title()).trim().length > 0, `${u}: no <title>`);
  eq(await page.locator('h1').count(), 1, `${u}: h1 elements`);
  for (const [w, h] of [[1280, 800], [800, 1280]]) {
    await page.setViewportSize({ width: w, height: h });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(over <= 0, `${u}: ${over} px wider than a ${w}x${h} screen`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

await run('web.pages', async (browser) => {
  const ctx = await newContext(browser);
  // Signed out: the sign-in form, not a page of data.
  const p = await ctx.newPage();
  const r = await p.goto(url('/dashboard'));
  // Signed out, a page answers 303 to the sign-in page (issue 11), which Chromium follows.
  eq(new URL(p.url()).pathname, '/sign-in', 'signed out: /dashboard goes to');
  eq(r.status(), 200, 'signed out: the sign-in page');
  check(await p.locator('form input[type="password"]').count() === 1, 'signed out: no sign-in form');
  const sec = await r.securityDetails();
  check(sec && /Majakka bench CA/.test(sec.issuer || ''), `TLS: not the test CA's certificate (${JSON.stringify(sec)})`);
  await pageChecks(p, '/dashboard (signed out)');
  await p.close();

  await signIn(ctx, 'admin');
  // From here on nothing may log an error (signed out, the sign-in page came by a redirect).
  const problems = [];
  ctx.on('console', (m) => { if (m.type() === 'error') problems.push(`console error on ${m.page()?.url()}: ${m.text()}`); });
  ctx.on('weberror', (e) => problems.push(`page error: ${e.error()}`));
  ctx.on('request', (r) => {
    const o = new URL(r.url()).origin;
    if (o !== env.origin && !r.url().startsWith('data:') && r.url() !== 'about:blank') problems.push(`request elsewhere: ${r.url()}`);
  });
  const pages = await walk(ctx);
  info(`walked ${pages.length} pages:\n  ${pages.map((x) => x.url.replace(env.origin, '')).join('\n  ')}`);
  for (const want of ['/dashboard', ...env.sites.map((s) => `/dashboard/site/${s}`)])
    check(pages.some((x) => new URL(x.url).pathname === want), `the walk did not reach ${want}`);
  const page = await ctx.newPage();
  for (const x of pages) {
    eq(x.status, 200, `${x.url}: status`);
    check((x.headers['content-type'] || '').startsWith('text/html; charset=utf-8'), `${x.url}: content-type ${x.headers['content-type']}`);
    await page.goto(x.url);
    await pageChecks(page, x.url);
  }
  for (const m of problems) fail(m);
  // Every cookie the hub set (the session's among them): HttpOnly, Secure, SameSite=Strict.
  const cookies = await ctx.cookies(env.origin);
  check(cookies.length > 0, 'signed in, yet no cookie');
  for (const c of cookies)
    check(c.httpOnly && c.secure && c.sameSite === 'Strict', `cookie ${c.name}: httpOnly ${c.httpOnly}, secure ${c.secure}, sameSite ${c.sameSite}`);
  await ctx.close();
});
