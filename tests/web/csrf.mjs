// csrf.mjs - a form post without the session's CSRF token is refused and changes nothing.
// Signed in as the admin in Chromium, the account form on /admin/users (the coordinator's
// sites) is submitted by the browser with its csrf field removed, with a wrong token and with an
// empty one: each is refused (403) and the coordinator keeps exactly their sites; a page on
// another origin (a loopback server of this test) posting the same form gets nothing done; a
// sign-out without the token is refused (still signed in). The control: with its token the
// same form is taken.
import { createServer } from 'node:http';
import { env, run, newContext, signIn, url, check, eq, fail, info } from './lib.mjs';

const who = env.coordinator.user;
const sitesSel = `[name="sites-${who}"]`;

await run('web.csrf', async (browser) => {
  const ctx = await newContext(browser);
  const page = await signIn(ctx, 'admin');
  await page.goto(url('/admin/users'));
  const original = await page.locator(sitesSel).inputValue();
  eq(original, env.coordinator.sites.join(','), `${who}'s sites on the accounts page`);

  async function submitWith(label, mutate) {
    await page.goto(url('/admin/users'));
    const form = page.locator('form', { has: page.locator(sitesSel) });
    await form.evaluate((f) => { const d = f.closest('details'); if (d) d.open = true; });
    await page.locator(sitesSel).fill('majakka-tuulikyla,tuulikyla');
    await form.evaluate(mutate);
    const [resp] = await Promise.all([page.waitForResponse((x) => x.request().method() === 'POST'),
      form.locator('button[type="submit"], button:not([type])').first().click()]);
    eq(resp.status(), 403, `${label}: status`);
    await page.goto(url('/admin/users'));
    eq(await page.locator(sitesSel).inputValue(), original, `${label}: ${who}'s sites afterwards`);
  }
  await submitWith('the account form without its csrf field', (f) => f.querySelectorAll('input[name="csrf"]').forEach((e) => e.remove()));
  await submitWith('the account form with a wrong csrf token', (f) => f.querySelectorAll('input[name="csrf"]').forEach((e) => { e.value = 'a'.repeat(64); }));
  await submitWith('the account form with an empty csrf token', (f) => f.querySelectorAll('input[name="csrf"]').forEach((e) => { e.value = ''; }));

  // Another origin posts the form to the hub (a forged page on loopback).
  const forged = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><title>x</title><form method="post" action="${url('/admin/users/update')}">` +
      `<input name="user" value="${who}"><input name="sites-${who}" value="majakka-tuulikyla,tuulikyla">` +
      `<input name="role-${who}" value="admin"><button>go</button></form>`);
  });
  await new Promise((ok) => forged.listen(0, '127.0.0.1', ok));
  const fp = await ctx.newPage();
  await fp.goto(`http://127.0.0.1:${forged.address().port}/`);
  const [fresp] = await Promise.all([fp.waitForResponse((x) => x.request().method() === 'POST'), fp.locator('button').click()]);
  check([303, 401, 403].includes(fresp.status()), `a post from another origin: status ${fresp.status()}`);
  forged.close();
  await fp.close();
  await page.goto(url('/admin/users'));
  eq(await page.locator(sitesSel).inputValue(), original, `${who}'s sites after a post from another origin`);
  eq(await page.locator(`[name="role-${who}"]`).inputValue(), 'coordinator', `${who}'s role after a post from another origin`);

  // Sign-out without the token: refused, the session stays.
  const so = await ctx.request.post(url('/sign-out'), { form: {}, maxRedirects: 0, failOnStatusCode: false });
  eq(so.status(), 403, 'POST /sign-out without a csrf token');
  eq((await page.goto(url('/admin/users'))).status(), 200, 'still signed in after a sign-out without the token');
  // The control: the same form with its token as served is taken (so the refusals above are
  // the token's doing), then put back.
  for (const value of ['majakka-tuulikyla,tuulikyla', original]) {
    await page.goto(url('/admin/users'));
    const form = page.locator('form', { has: page.locator(sitesSel) });
    await form.evaluate((f) => { const d = f.closest('details'); if (d) d.open = true; });
    await page.locator(sitesSel).fill(value);
    const [ok] = await Promise.all([page.waitForResponse((x) => x.request().method() === 'POST'),
      form.locator('button[type="submit"], button:not([type])').first().click()]);
    check(ok.status() === 303 || ok.status() === 200, `the account form with its token: status ${ok.status()}`);
    await page.goto(url('/admin/users'));
    eq(await page.locator(sitesSel).inputValue(), value, `${who}'s sites after the form with its token`);
  }
  info('refused: no token, a wrong one, an empty one, a post from another origin, sign-out without one');
  await ctx.close();
});
