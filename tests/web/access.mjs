// access.mjs - a site coordinator reaches only their own sites. Signed in in Chromium as the
// fixture's coordinator (who has tuulikyla only): their own site's page answers 200; the other
// site's (majakka-tuulikyla) page, report, API routes and exports answer 403 through the browser's
// own session, and so does hiding one of its report's comments; the admin pages are closed to
// them, and a POST to them with the session's valid CSRF token is refused and changes nothing;
// the start page lists no kiosk of the other site and the walk from it never reaches it.
import { env, run, newContext, signIn, url, walk, check, eq, fail, info } from './lib.mjs';

const OWN = 'tuulikyla', OTHER = 'majakka-tuulikyla';
const otherRoutes = [`/dashboard/site/${OTHER}`, `/dashboard/site/${OTHER}?from=2026-11-01&to=2026-11-30`,
  `/api/v1/feedback/summary?site=${OTHER}`, `/api/v1/feedback.csv?site=${OTHER}`,
  `/report/${OTHER}`, `/report/${OTHER}?from=2026-10&to=2026-11`, `/report/${OTHER}.csv`, `/report/${OTHER}.xlsx`];

await run('web.access', async (browser) => {
  const ctx = await newContext(browser);
  const page = await signIn(ctx, 'coordinator');
  for (const p of [`/dashboard/site/${OWN}`, `/report/${OWN}`, '/report']) eq((await page.goto(url(p))).status(), 200, `coordinator of ${OWN}: ${p}`);
  for (const p of [`/api/v1/feedback/summary?site=${OWN}`, `/api/v1/feedback.csv?site=${OWN}`])
    eq((await ctx.request.get(url(p), { failOnStatusCode: false })).status(), 200, `coordinator of ${OWN}: ${p}`);
  for (const p of otherRoutes) {
    const r = await ctx.request.get(url(p), { maxRedirects: 0, failOnStatusCode: false });
    eq(r.status(), 403, `coordinator of ${OWN}: GET ${p}`);
  }
  // In the browser too: the page of the other site is a refusal, not its data.
  const r403 = await page.goto(url(`/dashboard/site/${OTHER}`));
  eq(r403.status(), 403, `coordinator of ${OWN}: ${OTHER}'s page in the browser`);
  check(!(await page.content()).includes('Löysitkö'), `${OTHER}'s feedback shown to the coordinator of ${OWN}`);
  // A comment of the other site's report cannot be hidden, even with this session's valid token.
  await page.goto(url(`/report/${OWN}`));
  const rcsrf = await page.locator('input[name="csrf"]').first().inputValue();
  const mod = await ctx.request.post(url(`/report/${OTHER}/comment`), {
    form: { csrf: rcsrf, id: '1', do: 'hide', reason: 'x', from: '2026-11', to: '2026-11' },
    maxRedirects: 0, failOnStatusCode: false });
  eq(mod.status(), 403, `coordinator of ${OWN}: POST /report/${OTHER}/comment`);
  for (const p of ['/admin/users', '/admin/audit'])
    eq((await ctx.request.get(url(p), { maxRedirects: 0, failOnStatusCode: false })).status(), 403, `coordinator: GET ${p}`);

  // The admin's form with this session's own, valid CSRF token: refused, nothing changes.
  await page.goto(url('/account/password'));
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  check(csrf.length >= 32, 'no CSRF token on the coordinator\'s own password page');
  const up = await ctx.request.post(url('/admin/users/update'), {
    form: { csrf, user: env.coordinator.user, [`role-${env.coordinator.user}`]: 'admin', [`sites-${env.coordinator.user}`]: `${OWN},${OTHER}` },
    maxRedirects: 0, failOnStatusCode: false });
  eq(up.status(), 403, 'coordinator: POST /admin/users/update (raising themselves)');
  eq((await ctx.request.get(url(`/dashboard/site/${OTHER}`), { failOnStatusCode: false })).status(), 403,
    `after the refused update, ${OTHER}'s page`);

  // The start page: their kiosks only; the walk stays on their site.
  eq((await page.goto(url('/dashboard'))).status(), 200, 'coordinator: /dashboard');
  const text = await page.locator('main, body').first().innerText();
  check(text.includes('Kirjasto'), 'the coordinator\'s start page lacks their own kiosk');
  check(!text.includes('Aula'), 'the coordinator\'s start page lists the other site\'s kiosk');
  const walked = await walk(ctx);
  for (const x of walked) {
    check(!x.url.includes(OTHER), `the coordinator's walk reached ${x.url}`);
    eq(x.status, 200, `coordinator walk: ${x.url}`);
  }
  info(`the coordinator's walk: ${walked.map((x) => x.url.replace(env.origin, '')).join(' ')}`);
  await ctx.close();
});
